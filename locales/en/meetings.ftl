## Meetings
btn-meetings = Meetings
cmd-meetings = Meetings: propose, confirm, move
meetings-title = <b>Your upcoming meetings: { $count }</b>. Under each, what you can do with it.
meetings-footer = Propose a new meeting or save all meetings to your calendar — buttons below.
meetings-none = No upcoming meetings yet. Propose one with the button below.
btn-meeting-new = Propose a meeting
btn-meeting-schedule = All meetings to a calendar (.ics)
meeting-no-programme = Meetings are held within a programme, and you have no programme running now.
meeting-choose-programme = Which programme is the meeting for?

## Meeting wizard
meeting-ask-day = Which day? Choose below, or type the day and time, e.g. “tomorrow 3pm”, “Fri 18:30”, “25.12 18:30”.
meeting-ask-slot = What time ({ $day })? Choose, or type it, e.g. “16:45”. By your own clock.
meeting-ask-length = How long will it last?
btn-minutes = { $count } min
meeting-ask-place = Where? Type an address or an online meeting link (up to { $max } characters) or press “Skip”.
meeting-ask-format = Choose the meeting's format.
meeting-ask-agenda = What is it about? Type the agenda (up to { $max } characters) or press “Skip”.
meeting-ask-covers = Which plan item does this meeting cover?
meeting-ask-repeat = Once, or repeated?
btn-meeting-repeat-0 = Once
btn-meeting-repeat-1 = Every week
btn-meeting-repeat-2 = Every two weeks
meeting-ask-count = How many meetings in the series?
btn-meeting-count = { $count } times
btn-meeting-until-end = Until the term ends
meeting-series = { $every ->
    [1] every week
   *[other] every two weeks
}{ $count ->
    [0] {""}, until the programme's term ends
   *[other] , { $count } times
}
meeting-summary = <b>Check the meeting</b>
    When: { $when } (your clock)
    Duration: { $minutes } min
    Place: { $place }
    Agenda: { $agenda }
    Repeats: { $series }
    The other members get an invitation, each with the time on their own clock.
btn-meeting-send = Send
btn-meeting-send-anyway = Send anyway
meeting-clash-warning = Someone invited already has another meeting at this time. Send the invitation anyway?
meeting-sent = The invitation is sent. The meeting is confirmed once everyone answers.
meeting-dropped = No meeting proposed.

## Meeting card
meeting-status-proposed = awaiting answers
meeting-status-confirmed = confirmed
meeting-status-cancelled = cancelled
meeting-status-held = took place
meeting-status-not_held = did not take place
meeting-answer-pending = no answer yet
meeting-answer-confirmed = coming
meeting-answer-declined = can't come
btn-meeting-confirm = Confirm
btn-meeting-confirm-all = Confirm for everyone
btn-meeting-other-time = Propose another time
btn-meeting-move = Move
btn-meeting-cancel = Cancel the meeting

## Answers
meeting-confirmed-you = Thank you, you confirmed. The meeting is confirmed — a calendar file follows.
meeting-confirmed-waiting = Thank you, you confirmed. Waiting for the others to answer.
meeting-declined-you = You declined the meeting. Whoever proposed it will be told.
meeting-cancelled-you = The meeting is cancelled; the members will be told.
btn-meeting-cancel-series = Cancel the whole series
meeting-series-cancel-sure = Cancel the whole series? { $count } { $count ->
    [one] meeting is
   *[other] meetings are
} still ahead — all will be cancelled. The members get a notice and a file that removes the series from their calendar. Past meetings stay on record.
btn-meeting-cancel-series-sure = Yes, cancel the whole series
btn-meeting-keep-series = No, keep it
meeting-series-cancelled-you = The series is cancelled; meetings called off: { $count }. The members will be told.
meeting-moved-you = The meeting is moved to { $when }. The members get the new time and a calendar file.
meeting-counter-sent = You proposed another time: { $when }. Waiting for whoever proposed the meeting.
meeting-counter-taken = The meeting is moved to the time proposed.
meeting-counter-refused = The meeting keeps its time.
meeting-not-held-noted = Noted: the meeting did not take place.
meeting-ask-attendance = Who came? Press a name to tick or untick it, then “Done”.
btn-meeting-came = ✅ { $name }
btn-meeting-absent = ⬜ { $name }
btn-meeting-logged = Done
meeting-logged = The meeting is logged as held; attended: { $count }.
meeting-logged-item = The meeting is logged as held; attended: { $count }. It covered the plan item “{ $title }” — mark it done?
btn-meeting-item-done = Mark the plan item done

## Notices
meeting-proposed = { $by } proposes a meeting. Confirm, decline or propose another time.
meeting-confirmed = The meeting is confirmed. The calendar file is below.
meeting-declined = { $by } can't come to the meeting.
meeting-called-off = The meeting is off: nobody but its proposer can come.
meeting-moved = { $by } moved the meeting. The new calendar file is below.
meeting-cancelled = { $by } cancelled the meeting. The file below removes it from your calendar.
meeting-series-cancelled = { $by } cancelled the whole series of meetings. The file below removes it from your calendar.
meeting-programme-ended = The programme has ended, and the meeting is off. The file below removes it from your calendar.
meeting-counter = { $by } proposes another time for the meeting. Take it?
meeting-counter-declined = { $by } kept the meeting's time.
meeting-reminder = Reminder: the meeting is in { $hours } { $hours ->
    [one] hour
   *[other] hours
}.
meeting-outcome = Did the meeting take place?
btn-meeting-held = Yes, it did
btn-meeting-not = No
btn-meeting-moved = It was moved

## Meeting reminders
btn-meeting-reminders = Meeting reminders
meeting-reminders-choose = How many hours before a meeting should the members be reminded? Now: { $current }.
meeting-reminders-set = Done: meeting reminders { $current } h before.
btn-meeting-reminders-241 = A day and an hour before
btn-meeting-reminders-24 = A day before
btn-meeting-reminders-1 = An hour before
btn-meeting-reminders-0 = No reminders

## Refusals
meeting-not-yours = This meeting is not of your programme, or the programme is no longer running.
meeting-not-a-series = This meeting is not part of a series — only it can be cancelled.
meeting-in-past = That time has passed. Choose a time ahead.
meeting-clash = Someone invited already has another meeting at this time. Nothing changed: choose another time.
meeting-already-cancelled = This meeting is already cancelled — it cannot be confirmed.
meeting-already-answered = This was answered already and the meeting has changed. Open /meetings to see it as it is.
meeting-not-yet = The meeting has not started yet — mark it once it has.
meeting-series-no-end = The programme has no end of term. Choose a number of meetings.
meeting-series-count = A series has 2 to { $max } meetings; that many do not fit before the term ends.

## Calendar files
meeting-ics-summary = Mentoring meeting: { $names }
meeting-ics-caption = A calendar file: open it to add the meeting or bring it up to date.

## A wizard left in the middle
wizard-meeting = proposing a meeting
btn-wizard-meeting = Continue proposing the meeting

## Meetings in /mydata
mydata-meetings = Meetings
mydata-meeting = { $when }, programme #{ $id }: { $status }; { $answer }
mydata-meeting-answer-pending = you have not answered
mydata-meeting-answer-confirmed = you confirmed
mydata-meeting-answer-declined = you declined
mydata-meeting-came = you came
mydata-meeting-absent = you did not come
mydata-meeting-other-time = you proposed another time: { $when }
mydata-meeting-place = place: { $place }
mydata-meeting-format = format: { $format }
mydata-meeting-agenda = agenda: { $agenda }
