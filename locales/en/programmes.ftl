## Menu
btn-programme = Programme
btn-plan = Plan
btn-settings = Settings
btn-pairs = Pairs and groups
btn-banks = Banks
settings-title = Settings and your data — choose what to open:
cmd-programme = Programme: status, agreement, term
cmd-plan = Individual plan
btn-prev = ← Back
btn-next = Next →
btn-back = ← Back
btn-skip = Skip
btn-cancel = Cancel
btn-accept = Accept
btn-decline = Decline

## Forms and pair types
pair-type-other = Other
activity-other = Other
# "Other" with what the curator or mentor typed.
org-other-noted = { $other }: { $note }
btn-more-pair-types = More types →
pf-ask-type-other = Type the pair type in your own words (up to { $max } characters).
ms-ask-format-other = Type the format of work in your own words (up to { $max } characters).
programme-status-proposed = awaiting agreement
programme-status-active = running
programme-status-completed = completed
programme-status-ended = ended
programme-status-declined = declined
agreement-status-pending = no answer yet
agreement-status-accepted = agreement accepted
agreement-accepted-at = accepted on { $date } at { $time }, { $zone }
agreement-status-declined = agreement declined

## Pairs: curator
pairs-summary = <b>Pairs and groups</b>
    Awaiting agreement: { $proposed }
    Running: { $active }
    Completed: { $completed }
    Ended: { $ended }
    Declined: { $declined }
btn-pair-form = Form a pair
btn-pair-list = List of pairs
btn-pair-next = Next: mentor
btn-pair-confirm = Form the pair
btn-open-pair = { $kind ->
    [group] Open the group
   *[pair] Open the pair
}
pairs-none = No pairs yet — form the first one with the button below.
pairs-list-title = Pairs and groups — pick one to open:
pair-label = { $mark } { $names } · #{ $id }
pf-no-mentees = There are no mentees without a pair. New mentees will appear here once they register and fill in the questionnaire.
pf-ask-mentee = Step 1 of 6. Choose a mentee:
pf-ask-more-mentees = Chosen: { $chosen }. Add another mentee to make a group, or press “Next: mentor”.
pf-no-mentors = There are no mentors with free places. Ask mentors to state in their profile how many mentees they can take on.
pf-ask-mentor = Step 2 of 6. Choose a mentor — the best matches come first:
    { $lines }
pf-reason = { $index }. { $name }: { $reasons }
pf-reason-topics = shared topics: { $count } ({ $topics })
pf-reason-forms = shared forms: { $forms }
pf-reason-free = free places: { $free } of { $capacity }
pf-ask-form = Step 3 of 6. Choose the form of mentoring:
pf-ask-type = Step 4 of 6. Choose the pair type:
pf-ask-term = Step 5 of 6. The programme's term: pick a button or type it, e.g. “21 days”, “3 weeks”, “6 months”. A bare number means months.
# A programme's term in the agreement, the pair summary and the programme card.
term-days = { $count } { $count ->
    [one] day
   *[other] days
}
term-weeks = { $count } { $count ->
    [one] week
   *[other] weeks
}
term-months = { $count } { $count ->
    [one] month
   *[other] months
}
pf-term-invalid = Please type the term as a number with a unit — days, weeks or months, e.g. “21 days”, “3 weeks” or “6 months”.
pf-ask-goals = Step 6 of 6. Type the programme's goals and tasks — they will go into the agreement.
pf-done = { $kind ->
    [group] Group
   *[pair] Pair
} #{ $id } has been formed. The members have been sent the agreement — the programme starts once everyone accepts it.
pair-error-no-consent = { $name }: no consent to personal data processing, so they cannot be put in a pair.
pair-error-own-parent = { $name } is a parent or legal guardian of one of the mentees and cannot be their mentor. Choose another mentor.
pair-error-no-parent-consent = { $name }: no parent's consent. A minor can be put in a pair only after a parent gives consent.
pair-error-not-registered = { $name }: registration is not finished yet.
pair-error-not-mentor = { $name }: not in the bank of mentors.
pair-error-not-mentee = { $name }: not in the bank of mentees.
pair-error-mentee-busy = { $name } is already in a pair or group.
pair-error-capacity = Mentor { $name }: no free places — can take on { $capacity }, already has { $taken }.
pair-error-members = A pair needs a mentor and at least one mentee, and they must be different people.
pair-error-term = The term must be from one day up to { $unit ->
    [days] { $max } days
    [weeks] { $max } weeks
   *[months] { $max } months
}.

## Agreement
btn-agreement-accept = I accept
btn-agreement-decline = I do not accept
btn-agreement-file = Download the agreement
btn-agreement-pdf = The agreement as PDF
btn-open-programme = Open the programme
agreement-file-caption = The cooperation agreement between the mentor and the mentee.
agreement-active = Thank you! Everyone accepted the agreement — the programme has started. The mentor will draw up the individual plan.
agreement-active-mentor = Thank you! Everyone accepted the agreement — the programme has started. Draw up the individual plan: /plan, then “Add an item”.
agreement-waiting = Thank you, your answer is recorded. The programme starts once every member accepts the agreement.
agreement-declined = You declined the agreement. The other members and the curator will be notified, and the curator will look for another option.

## Programme
programme-none = You are not in a mentoring programme yet. Once the curator forms a pair, I will send you the agreement.
programme-choose = You have several programmes — pick one:
programme-active = The programme “{ $names }” has started: everyone accepted the agreement.
programme-declined = The agreement for the programme “{ $names }” was declined, so the programme will not start. Declined by: { $by }. Reason: { $reason }
programme-completed = The programme “{ $names }” is complete: the plan is done. Thank you for your work!
programme-completed-curator = The programme “{ $names }” is complete: the plan is done.
programme-ended = The programme “{ $names }” has been ended. Ended by: { $by }. Reason: { $reason }
programme-completed-you = The programme is complete — the plan is done. The other members and the curator will be notified.
programme-ended-you = The programme has been ended. The other members and the curator will be notified.
programme-plan-not-done = The plan has no items — there is nothing to complete yet. Add items in /plan, or end the programme early.
programme-ask-end-reason = Why is the programme ending? Type the reason — the members and the curator will see it. Changed your mind? Send /cancel.
programme-ask-replace-reason = Why do you need another mentor? Type the reason — only the curator will see it. Changed your mind? Send /cancel.
programme-replace-sent = Your request has been sent to the curator, who will get in touch.
programme-extend-choose = How many { $unit ->
    [days] days
    [weeks] weeks
   *[months] months
} should the programme be extended by? Pick a button. The term will be extended once the other members agree.
btn-extend-by = +{ $term }
btn-extend = Extend the term
btn-complete = Complete: plan done
btn-end-early = End early
btn-end-by-curator = End (curator)
btn-replace-mentor = Ask for another mentor
request-sent = Proposal sent — waiting for the other members to answer.
request-kind-extend = extending the term
request-kind-plan_change = changing the plan
request-kind-replace_mentor = replacing the mentor
request-extend = { $by } proposes extending the programme “{ $names }” by { $term }. Press “Accept” or “Decline”.
request-plan_change = { $by } proposes a change to the plan of “{ $names }”: { $change }. Press “Accept” or “Decline”.
request-replace_mentor = { $by } asks to replace the mentor in “{ $names }”. Reason: { $reason }
request-accepted = The proposal for “{ $names }” was accepted: { $kind }. Accepted by: { $by }.
request-declined = The proposal for “{ $names }” was declined: { $kind }. Declined by: { $by }.
request-accepted-you = Done, you accepted the proposal.
request-declined-you = You declined the proposal. The other members will be notified.
plan-change-add = add “{ $title }” due { $date }
plan-change-move = move the item “{ $title }” to { $date }
plan-change-delete = delete “{ $title }”

## Plan
plan-no-programme = You have no running programme. The plan will appear once all members accept the agreement.
plan-choose = Which programme's plan shall I open? Pick a button below.
plan-pick-label = { $names } · #{ $id }
btn-ms-add = Add an item
btn-ms-done = Mark as done
btn-ms-move = Move
btn-ms-delete = Delete
btn-plan-agree = Send the plan for agreement
btn-plan-agree-yes = I accept the plan
btn-tell-curator = Tell the curator
btn-ms-done-short = Done
btn-snooze = Remind me in { $days ->
    [one] { $days } day
   *[other] { $days } days
}
ms-ask-title = What is the plan item called? Type a title, e.g. “Robotics hackathon”.
ms-ask-date = When is it due? Type a date, e.g. “25.12”, “25.12.2026”, “tomorrow”, “in a week”, “on Friday” or “25 December”. Today is { $today }.
ms-ask-new-date = What date should “{ $title }” move to? It is now due { $date }. Type the new date, e.g. “25.12” or “in a week”.
ms-date-invalid = I didn't understand that date. Type, for example, “25.12”, “25.12.2026”, “tomorrow” or “in 2 weeks”.
ms-date-past = That date has already passed. Type today's date or a later one; if you mean next year, type the date with the year, e.g. “20.11.2027”.
date-no-such = There is no such date: that month has fewer days. Check the day and month, e.g. “28.02” or “30.04”.
ms-ask-format = Choose the format of work or press “Skip”.
ms-ask-description = Type a description — what needs to be done or prepared — or press “Skip”.
ms-added = Item “{ $title }” added. Everyone in the programme will get reminders.
ms-moved = Item “{ $title }” moved to { $date }.
ms-deleted = Item “{ $title }” deleted from the plan.
ms-pick-done = Which item is done?
ms-pick-move = Which item to move?
ms-pick-delete = Which item to delete?
ms-not-available = That plan item is not available: it is already done or deleted, the programme has ended, or you are not in it.
ms-done = Great, “{ $title }” is done! The other members will be notified.
ms-snoozed-you = OK, I will remind you in { $days ->
    [one] { $days } day
   *[other] { $days } days
}.
ms-curator-told = Done, the curator will be notified.
plan-change-proposed = The plan has already been agreed, so the change has been sent to the other members — it takes effect once they agree.
plan-sent-for-agreement = The plan has been sent to the mentees for agreement. After that, it can only be changed by mutual consent.
plan-agreed-you = Thank you, the plan is agreed.
plan-for-agreement = The mentor proposes an individual plan for “{ $names }”. Open it with the “Plan” button and, if you are happy with it, press “I accept the plan”.
ms-before = Reminder: “{ $title }” is due on { $date }, in { $days ->
    [one] { $days } day
   *[other] { $days } days
} ({ $names }).
ms-day = Due today: “{ $title }” ({ $names }).
ms-overdue = “{ $title }” was due on { $date }. If it is done, press “Done”; if not, agree on a new date.
ms-snoozed = Reminder: “{ $title }” is due on { $date } ({ $names }).
ms-overdue-curator = Plan item “{ $title }” is overdue: it was due on { $date } ({ $names }).
ms-done-notice = The item “{ $title }” is done ({ $names }). Marked by: { $by }.
ms-curator-notice = { $by } reports: plan item “{ $title }” is done ({ $names }).
btn-more-formats = More formats →
btn-reminders = Reminders
reminders-choose = When should I send reminders about plan items? Now: “{ $current }”. Pick a button below. Reminders on the due day and when an item is overdue are always sent.
reminders-set = Done, reminders: “{ $current }”.
btn-reminders-31 = 3 days and 1 day before
btn-reminders-731 = 7, 3 and 1 day before
btn-reminders-1 = 1 day before
btn-reminders-0 = Only on the due day
plan-already-sent = The plan has already been sent for agreement — waiting for the mentees to answer.
plan-agreed-waiting = Thank you, your agreement is recorded. The plan is agreed once every mentee accepts it.
request-kind-plan_agreement = agreeing the plan
programme-extend-too-long = The programme cannot be extended: it may last at most { $max }. If the work goes on, the curator can form a new pair.
cmd-settings = Language, time zone and your data
btn-replace-mentor-now = Find another mentor
pf-replaced-reason = Mentor replaced at the mentee's request
agreement-ask-decline-reason = Why do you not accept the agreement? Type the reason — the curator and the other members will see it. Changed your mind? Press Cancel: the agreement stays unanswered.
programme-kept = Nothing has changed — everything is as it was.
btn-end-sure = Yes, end it
programme-end-confirm = End programme No. { $id } early? It cannot be undone. If yes, I will ask for the reason next.
btn-complete-sure = Yes, complete it
programme-complete-confirm = Complete programme No. { $id } as done? It cannot be undone.{ $open ->
    [0] { "" } Every plan item is done.
   *[other] { "" } Plan items not done: { $open } — they will stay undone.
}
btn-ms-delete-sure = Yes, delete it
ms-delete-confirm = Delete the item “{ $title }” (due { $date }) from the plan? { $agreed ->
    [yes] The plan is agreed, so I will propose the deletion to the other members.
   *[no] It cannot be undone.
}
agreement-guardian-intro = <b>An agreement on behalf of your child — { $child }.</b> The child is a minor, so the programme starts only once you, as the parent or legal guardian, accept the agreement on their behalf.
btn-agreement-guardian-accept = I accept for my child
agreement-guardian-active = Thank you! Everyone has accepted the agreement — the programme has started.
agreement-guardian-waiting = Thank you, your answer is saved. The programme starts once every member has accepted the agreement.
agreement-guardian-declined = You did not accept the agreement on your child's behalf — the programme will not start. The members and the curator will be told.
programme-declined-guardian = The parent or legal guardian of { $child } did not accept the agreement of the programme “{ $names }” — it will not start.
