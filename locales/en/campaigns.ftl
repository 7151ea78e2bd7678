## Surveys the curator sends, and mentors' summaries
btn-surveys = Surveys
cmd-surveys = Surveys and summaries of answers
btn-campaign-new = Send a survey
btn-campaign-run = { $closed ->
    [yes] 🔒 { $title } · { $rate }%
   *[no] { $title } · { $rate }%
}
btn-campaign-open = Open the survey
btn-campaign-refresh = Refresh
btn-campaign-remind = Remind
btn-campaign-answers = Answers (CSV)
btn-campaign-list = All surveys
btn-campaign-all = Everyone taking part
btn-campaign-mentors = Mentors
btn-campaign-mentees = Mentees
btn-campaign-form = By form
btn-campaign-pair_type = By pair type
btn-campaign-programme = One pair or group
btn-campaign-days = { $days ->
    [3] In 3 days
    [7] In a week
   *[other] In two weeks
}
btn-campaign-send = Send
wizard-campaign = sending a survey
wizard-begun-campaign = You have already begun sending a survey — the answers are kept. Continue from the same step or start over?
btn-wizard-campaign = Continue sending the survey
campaign-list = <b>Surveys</b>
    { $count ->
        [0] You have not sent any surveys yet. You can send any survey to everyone or to a part of them.
       *[other] Surveys sent — each with the share who answered. Press one for details.
    }
campaign-ask-file = Which survey to send?
campaign-ask-segment = Whom to send the survey to?
campaign-ask-form = The members of which form of mentoring? Everyone in the active pairs and groups of that form gets the survey.
campaign-ask-pair_type = Which pair type? Everyone in the active pairs and groups of that type gets the survey.
campaign-ask-programme = Which pair or group?
campaign-no-programmes = There are no active pairs or groups now. Choose another option.
campaign-ask-until = Until which day are answers taken? Press a button or type a date, such as “25 December” or “25.12”.
campaign-deadline-unclear = I did not understand the date. Type, for example, “25 December”, “25.12” or “in a week”.
campaign-deadline-past = That day has passed. Choose today or a later day.
campaign-segment-all = everyone taking part
campaign-segment-mentors = mentors
campaign-segment-mentees = mentees
campaign-segment-form = the form “{ $form }”
campaign-segment-pair_type = the pair type “{ $type }”
campaign-segment-programme = pair or group No. { $id }
campaign-summary = <b>Check before sending</b>
    Survey: { $title }
    To: { $segment }
    Recipients: { $count }
    Answers are taken until { $until }.
    The list of recipients is fixed when you send.
campaign-nobody = There is no one in this group to send the survey to now: the group is empty, or the survey asks its members nothing (the self-assessment, say, is for mentors only). Choose other recipients.
campaign-sent = The survey is sent: { $count ->
    [one] { $count } invitation
   *[other] { $count } invitations
}. The card of the survey shows the share who answered.
campaign-card = <b>{ $title }</b>
    To: { $segment }
    { $closed ->
        [yes] Closed { $until }.
       *[no] Answers are taken until { $until }.
    }
    Invited: { $invited }
    Started answering: { $started }
    Answered in full: { $completed } ({ $rate }%)
    Yet to answer: { $waiting }
    { $reminded ->
        [yes] The reminder has been sent.
       *[no] { $closed ->
            [yes] No reminder was sent.
           *[no] { $waiting ->
                [0] Everyone has answered: there is no one to remind.
               *[other] You may remind those yet to answer once.
            }
        }
    }
campaign-reminded = Reminder sent to { $count ->
    [one] { $count } person
   *[other] { $count } people
} yet to answer.
campaign-reminded-already = A reminder of this survey has already been sent — it cannot be sent twice.
campaign-closed = The survey is closed: too late to remind.
campaign-all-answered = Everyone has answered — there is no one to remind.
campaign-mine = { $count ->
    [0] There are no surveys for you now. When a new one comes, I will send you an invitation.
   *[other] Surveys waiting for your answers:
}
campaign-csv-name = Name
campaign-csv-role = Role
campaign-csv-status = Status
campaign-status-invited = not started
campaign-status-started = started, not finished
campaign-status-completed = answered
campaign-csv-ready = The answers of everyone invited: { $count ->
    [one] { $count } person
   *[other] { $count } people
}. The file is for the curator only — do not pass it on to participants.
btn-summary-run = { $title }
summary-list = <b>Surveys about your pairs and groups</b>
    { $count ->
        [0] No survey has asked your mentees yet.
       *[other] Choose a survey to see a summary of the answers. Only the figures show — no names and no written answers.
    }
summary-head = <b>{ $title }</b>
    Answered in full: { $count }.
summary-mentors-only = Survey summaries are for mentors, about their own pairs and groups.
summary-too-few = Fewer than three people have answered so far — the summary appears once there are more answers.
summary-question-few = { $text } — fewer than { $least } answers so far, the figures are hidden.
summary-question-text = { $text } — written answers: { $count }. Only the curator reads them.
summary-question-scale = { $text } — { $mean } out of { $max } on average ({ $count } answers)
summary-question-options = { $text } — { $options }
summary-option = { $option }: { $count }
