## Menu
btn-programme = Programme
btn-plan = Plan
btn-settings = Settings
btn-pairs = Pairs and groups
btn-banks = Banks
settings-title = Settings and your data:
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
pair-type-director_curator = Director — curator
pair-type-curator_educator = Curator — educator
pair-type-educator_counsellor = Educator — counsellor
pair-type-counsellor_volunteer = Counsellor — volunteer
pair-type-counsellor_pupil = Counsellor — pupil
pair-type-volunteer_pupil = Volunteer — pupil
pair-type-other = Other
activity-case = Case method
activity-image = Image-making
activity-foresight = Foresight
activity-networking = Networking
activity-meetup = Meetup
activity-workshop = Workshop
activity-trend = Trend session
activity-hackathon = Hackathon
activity-forum = Forum
activity-network_project = Network project
programme-status-proposed = awaiting agreement
programme-status-active = running
programme-status-completed = completed
programme-status-ended = ended
programme-status-declined = declined
agreement-status-pending = has not answered yet
agreement-status-accepted = accepted the agreement
agreement-status-declined = declined the agreement

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
btn-pair-confirm = Form it
btn-open-pair = Open the pair
pairs-none = No pairs yet. Form the first one.
pairs-list-title = Pairs and groups — pick one to open:
pair-label = #{ $id } { $names } ({ $status })
pf-no-mentees = No mentees without a pair. When someone registers as a mentee, they will show up here.
pf-ask-mentee = Step 1 of 6. Choose a mentee:
pf-ask-more-mentees = Chosen: { $chosen }. Add another mentee to make a group, or press “Next: mentor”.
pf-no-mentors = No mentors with free places. Ask mentors to state in their profile how many mentees they can take.
pf-ask-mentor = Step 2 of 6. Suitable mentors, best match first:
    { $lines }
pf-reason = { $index }. { $name }: { $reasons }
pf-reason-topics = shared topics: { $count } ({ $topics })
pf-reason-forms = forms: { $forms }
pf-reason-free = free places: { $free } of { $capacity }
pf-ask-form = Step 3 of 6. Form of mentoring:
pf-ask-type = Step 4 of 6. Pair type:
pf-ask-term = Step 5 of 6. Term in months — pick a button or type a number (at most { $max }).
pf-term-button = { $months } mo.
pf-term-invalid = Please type a number of months from 1 to { $max }.
pf-ask-goals = Step 6 of 6. Type the programme's goals and tasks — they go into the agreement.
pf-done = Pair #{ $id } is formed. The members have been sent the agreement — the programme starts when everyone accepts it.
pair-error-no-consent = { $name } has not consented to personal data processing and cannot be put in a pair.
pair-error-no-parent-consent = { $name } has no parent's consent — a minor cannot be put in a pair until a parent consents.
pair-error-not-registered = { $name } has not finished registering.
pair-error-not-mentor = { $name } is not in the bank of mentors.
pair-error-not-mentee = { $name } is not in the bank of mentees.
pair-error-mentee-busy = { $name } is already in a pair or group.
pair-error-capacity = Mentor { $name } has no free places: can take { $capacity }, already has { $taken }.
pair-error-members = A pair needs a mentor and at least one mentee, all different people.
pair-error-term = The term is 1 to { $max } months.

## Agreement
btn-agreement-accept = I accept
btn-agreement-decline = I do not accept
btn-agreement-file = Agreement (file)
btn-open-programme = Open the programme
agreement-file-caption = The cooperation agreement between mentor and mentee.
agreement-active = Thank you! Everyone accepted the agreement — the programme has started. The mentor will draw up the individual plan.
agreement-waiting = Thank you, your acceptance is recorded. The programme starts when every member accepts the agreement.
agreement-declined = You declined the agreement. The members and the curator will be told; the curator will find another option.

## Programme
programme-none = You are not in a mentoring programme yet. The curator will form a pair and send you the agreement.
programme-choose = You have several programmes — pick one:
programme-active = The programme “{ $names }” has started: everyone accepted the agreement.
programme-declined = The agreement of the programme “{ $names }” was declined; the programme will not start.
programme-completed = The programme “{ $names }” is complete: the plan is done. Thank you for your work!
programme-ended = The programme “{ $names }” was ended ({ $by }). Reason: { $reason }
programme-completed-you = The programme is complete — the plan is done. The members and the curator will be told.
programme-ended-you = The programme has been ended. The members and the curator will be told.
programme-plan-not-done = The programme can be completed once every item of the plan is done.
programme-ask-end-reason = Why does the programme end? Type the reason — the members and the curator will see it. To change your mind, send /cancel.
programme-ask-replace-reason = Why do you need another mentor? Type the reason — only the curator will see it. To change your mind, send /cancel.
programme-replace-sent = Your request has been sent to the curator, who will get in touch.
programme-extend-choose = Extend the programme by how many months? The other members must agree.
btn-months = +{ $months } mo.
btn-extend = Extend the term
btn-complete = Complete: plan done
btn-end-early = End early
btn-end-by-curator = End (curator)
btn-replace-mentor = Another mentor
request-sent = Proposal sent — waiting for the other members to answer.
request-kind-extend = extending the term
request-kind-plan_change = changing the plan
request-kind-replace_mentor = replacing the mentor
request-extend = { $by } proposes to extend the programme “{ $names }” by { $months } mo. Do you agree?
request-plan_change = { $by } proposes to change the plan of “{ $names }”: { $change }. Do you agree?
request-replace_mentor = { $by } asks to replace the mentor in “{ $names }”. Reason: { $reason }
request-accepted = The proposal ({ $kind }) for “{ $names }” was accepted ({ $by }).
request-declined = The proposal ({ $kind }) for “{ $names }” was declined ({ $by }).
request-accepted-you = Done, you agreed.
request-declined-you = You declined the proposal. Its author will be told.
plan-change-add = add “{ $title }” on { $date }
plan-change-move = move “{ $title }” to { $date }
plan-change-delete = delete “{ $title }”

## Plan
plan-no-programme = You have no running programme. The plan appears once everyone accepts the agreement.
plan-choose = Whose plan shall I open?
plan-pick-label = #{ $id } { $names }
btn-ms-add = Add an item
btn-ms-done = Mark as done
btn-ms-move = Move
btn-ms-delete = Delete
btn-plan-agree = Send the plan for agreement
btn-plan-agree-yes = I agree with the plan
btn-tell-curator = Tell the curator
btn-ms-done-short = Done
btn-snooze = Remind me in { $days ->
    [one] { $days } day
   *[other] { $days } days
}
ms-ask-title = What is the plan item called? E.g. “Robotics hackathon”.
ms-ask-date = When is it due? Type a date: “25.12”, “25.12.2026”, “tomorrow”, “in a week”, “friday”, “25 December”. Today is { $today }.
ms-ask-new-date = New date for “{ $title }” (now { $date })? E.g. “25.12” or “in a week”.
ms-date-invalid = I didn't understand the date. Type e.g. “25.12”, “25.12.2026”, “tomorrow” or “in 2 weeks”.
ms-date-past = That date has passed. Give today's date or a later one.
ms-ask-format = Format of work? Pick one or skip.
ms-ask-description = Add a description (what to do or prepare) or press “Skip”.
ms-added = Item “{ $title }” added. Both sides will get reminders.
ms-moved = “{ $title }” moved to { $date }.
ms-deleted = Item “{ $title }” deleted from the plan.
ms-pick-d = Which item is done?
ms-pick-m = Which item to move?
ms-pick-x = Which item to delete?
ms-not-available = That plan item is no longer available: it is done, deleted, or not in your programme.
ms-done = Great! “{ $title }” is done. The other members will be told.
ms-snoozed-you = OK, I will remind you in { $days ->
    [one] { $days } day
   *[other] { $days } days
}.
ms-curator-told = The curator will be told.
plan-change-proposed = The plan is already agreed, so the change was sent to the other members — it takes effect when they agree.
plan-sent-for-agreement = The plan was sent to the mentees for agreement. After that, changes need mutual consent.
plan-agreed-you = Thank you, the plan is agreed.
plan-for-agreement = The mentor proposes the individual plan of “{ $names }”. Please look at it and confirm.
plan-agreed = The plan of “{ $names }” is agreed ({ $by }).
ms-before = Reminder: “{ $title }” is due { $date }, in { $days ->
    [one] { $days } day
   *[other] { $days } days
} ({ $names }).
ms-day = Due today: “{ $title }” ({ $names }).
ms-overdue = “{ $title }” was due { $date }. If it is done, mark it; if not, agree on a new date.
ms-snoozed = Reminder: “{ $title }” is due { $date } ({ $names }).
ms-overdue-curator = Plan item “{ $title }” is overdue: it was due { $date } ({ $names }).
ms-done-notice = { $by } marked “{ $title }” as done ({ $names }).
ms-curator-notice = { $by } reports: plan item “{ $title }” is done ({ $names }).
btn-more-formats = More formats →
btn-reminders = Reminders
reminders-choose = When should plan items be reminded of? Now: { $current }. A reminder on the due day and one when overdue always go out.
reminders-set = Done, reminders: { $current }.
btn-reminders-31 = 3 days and 1 day before
btn-reminders-731 = 7, 3 and 1 day before
btn-reminders-1 = 1 day before
btn-reminders-0 = Only on the due day
