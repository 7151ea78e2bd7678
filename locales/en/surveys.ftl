## Surveys
survey-invite = <b>{ $title }</b>
    Please answer a few questions — it takes a couple of minutes. Answers are taken until { $until }.
survey-remind = <b>{ $title }</b>
    A reminder about the survey: we look forward to your answers until { $until }.
btn-survey-start = Start the survey
btn-survey-continue = Continue the survey
survey-question = <i>{ $title } · question { $number } of { $total }</i>
    <b>{ $text }</b>
survey-hint-scale = Press a number from { $min } to { $max } or type it.
survey-hint-scale-labels = { $min } — { $low }, { $max } — { $high }. Press a number or type it.
survey-hint-single = Choose one answer.
survey-hint-multi = Tick all that apply, then press «Done».
survey-hint-text = Type your answer as a message.
survey-hint-optional = You may skip this question.
btn-survey-ticked = ✓ { $label }
btn-survey-done = Done
btn-survey-higher = { $from }–{ $to } →
btn-survey-lower = ← { $from }–{ $to }
survey-thanks = Thank you! Your answers are saved.
survey-closed = The survey has closed and takes no more answers. Thank you for responding!
survey-already-answered = You have already answered this survey. Thank you!
survey-moved-on = That question is behind you. Here is the current one:
survey-required = This question needs an answer; it cannot be skipped.
survey-bad-answer = That is not one of the answers. Please press a button.
survey-choose-some = Tick at least one option, then press «Done».
survey-type-number = Type a number from { $min } to { $max } in digits, or press a button.
survey-use-buttons = This question is answered with the buttons under it.
survey-too-long = The answer is too long: { $max } characters at most. Please shorten it.
mydata-surveys = Surveys
mydata-survey = { $title } — invited { $date }: { $status }
mydata-survey-invited = you have not begun
mydata-survey-started = you answered some of the questions
mydata-survey-completed = you answered
mydata-survey-skipped = skipped

## Monitoring and reports
monitoring-closed = <b>The monitoring has closed</b> (deadline { $deadline }). The report is attached. Answered:
monitoring-rate = • { $title }: { $answered } of { $invited }
annual-report-due = <b>Annual report for { $year }</b>
    The report of mentoring participant numbers is due at the regional mentoring centre by { $due }. The year's report is ready and attached.
btn-open-report = Reports
