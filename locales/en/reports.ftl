# The curator's reports: /report, the XLSX workbook and PNG charts

report-kind-programmes = Mentoring programmes
report-kind-monitoring = Monitoring
report-kind-annual = Annual report

btn-report = Report
btn-report-programmes = Programmes
btn-report-monitoring = Monitoring
btn-report-annual = Annual
btn-report-this-month = This month
btn-report-last-month = Last month
btn-report-school-year = This school year

report-choose-kind = <b>Report</b>
    Which report?
    • Programmes — participants, pairs and groups, meetings by month, plans, mentor load, surveys.
    • Monitoring — response to the monitoring surveys and the answers by question.
    • Annual — participant numbers for the regional mentoring centre.
report-choose-period = <b>{ $kind }</b>: for which period?
    Choose a button or type two dates with a dash, for example: 01.09.2026–30.11.2026
report-bad-period = I could not read the period. Type two dates with a dash, for example: 01.09.2026–30.11.2026
report-period-reversed = The period starts after it ends. Type the dates in order, for example: 01.09.2026–30.11.2026
report-period-too-long = The period is longer than { $years } years — a typo in a date, perhaps? Type the dates again, for example: 01.09.2026–31.08.2027
report-ready = <b>{ $kind }</b> from { $first } to { $last }.
    The Excel workbook has a sheet per section, with charts. The sheet “Individual answers” holds personal answers with names: do not forward it.
report-chart = A chart of the report “{ $kind }”

# Workbook
sheet-about = Report
sheet-participants = Participants
sheet-programmes = Programmes
sheet-meetings = Meetings
sheet-milestones = Plan
sheet-mentor-load = Mentor load
sheet-surveys = Surveys
sheet-questions = Answers by question
sheet-answers = Individual answers

col-item = Figure
col-value = Value
col-group = Group
col-people = People
col-programmes = Programmes
col-month = Month
col-proposed = Proposed
col-held = Held
col-not-held = Not held
col-cancelled = Cancelled
col-mentor = Mentor no.
col-mentees = Mentees
col-active-programmes = Running programmes
col-run = Survey no.
col-survey = Survey
col-kind = Occasion
col-opens = Opened
col-closes = Closes
col-invited = Invited
col-started = Started
col-completed = Completed
col-rate = Response rate
col-question = Question
col-answer = Answer
col-count = Answers
col-mean = Mean
col-name = Participant

about-kind = Report
about-from = From
about-to = To
about-zone = Time zone
about-org = Organisation

group-total = All participants
group-role = Role
group-age = Age
group-form = Form of mentoring
group-pair-type = Pair type

report-age-child = under 14
report-age-teen = 14–17
report-age-adult = 18 and over
report-age-unknown = not given

programmes-started = Started in the period
programmes-active = Running at its end
programmes-completed = Completed
programmes-ended = Ended early

milestones-total = Plan items due in the period
milestones-done = Done
milestones-rate = Share done
milestones-overdue = Overdue

survey-kind-meeting = after a meeting
survey-kind-monitoring = monitoring
survey-kind-completion = programme completion
survey-kind-curator = from the curator

answer-texts = Text answers
answer-skipped = skipped
name-erased = (data erased)

chart-participants = Participants by role
chart-meetings = Meetings by month
chart-mentor-load = Mentees per mentor
chart-responses = Survey response
chart-run = No. { $number }
