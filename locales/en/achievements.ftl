## Achievements (/achievements) and the curator's check
cmd-achievements = My achievements
btn-achievements = My achievements
achievement-kind-other = Other
achievement-level-school = School
achievement-level-municipal = Municipal
achievement-level-regional = Regional
achievement-level-national = National
achievement-level-international = International
achievement-result-participant = Participant
achievement-result-prize_winner = Prize-winner
achievement-result-winner = Winner
achievement-state-pending = waiting for the curator's check
achievement-state-verified = verified by the curator
achievement-state-rejected = rejected by the curator
achievement-state-withdrawn = withdrawn
achievement-details = <b>{ $title }</b>
    Kind: { $kind }
    Level: { $level }
    Result: { $result }
    Date: { $date }
achievement-card-title = <b>Achievement</b> — { $name }
achievement-status = { $mark } Status: { $state }
achievement-reason = Why it was rejected: { $reason }
achievement-proof-link = Proof: { $url }
achievement-proof-file = Proof: file attached
achievement-list = <b>My achievements</b> ({ $count }). Tap one to open it, or add a new one. The latest { $shown } are shown.
achievement-list-empty = <b>My achievements</b>
    Nothing here yet. Add an olympiad, a hackathon, a competition or a course with its proof — the curator checks it and it goes into your portfolio.
achievement-none-mentees-only = Achievements are added by mentees (or their mentor). See what else you can do — /help.
achievement-mentees-only = Achievements are added by mentees — or by a mentor for their mentee.
achievement-choose-mentee = Which of your mentees is the achievement for?
btn-achievement-add = Add
btn-achievement-for-mentee = Add for a mentee
btn-achievement-open = Open the achievement
btn-achievement-edit = Edit
btn-achievement-withdraw = Withdraw
btn-achievement-withdraw-sure = Yes, withdraw
btn-achievement-keep = No, keep it
btn-achievement-keep-answer = Keep as it was
btn-achievement-more-kinds = More kinds
btn-achievement-send = Send for checking
btn-achievement-verify = Verify
btn-achievement-reject = Reject
btn-achievement-queue = Queue to check
btn-achievement-queue-count = Achievements to check ({ $count })
achievement-ask-title = What is the achievement called? For example: “NTI Olympiad, autonomous transport track”. Up to { $max } characters. To stop, send /cancel.
achievement-title-invalid = The title needs 2 to { $max } characters.
achievement-ask-kind = What kind of event was it? Choose a button (or /cancel).
achievement-ask-level = What level was the event? Choose a button (or /cancel).
achievement-ask-result = What was the result? Choose a button (or /cancel).
achievement-ask-date = When was it? Type the date, e.g. “15.03.2026” or “yesterday”. To stop, send /cancel.
achievement-date-invalid = I could not read the date. Type it like this: “15.03.2026”.
achievement-date-future = That date has not come yet. Type the date with the year, e.g. “15.03.2026”.
achievement-ask-proof = Send the proof: a photo of the diploma or certificate, a PDF (up to { $mb } MB) or a link starting with https://. To stop, send /cancel.
achievement-proof-invalid = The proof must be a photo, a PDF or a link starting with http:// or https://.
achievement-proof-not-pdf = This file will not do: send a photo or a PDF. A Word document or an archive can be saved as PDF.
achievement-summary = <b>Check the achievement</b>
    { $details }
    { $proof }
    Send it to the curator for checking?
achievement-sent = The achievement “{ $title }” is sent to the curator for checking. I will tell you when it is checked.
achievement-dropped = All right, the achievement is not sent.
achievement-verified-locked = This achievement is already verified by the curator and cannot be changed. It can only be withdrawn.
achievement-withdraw-sure = Withdraw the achievement “{ $title }”? It leaves the portfolio and its proof file is deleted.
achievement-withdrawn = The achievement “{ $title }” is withdrawn.
achievement-gone = This achievement is no longer there: it was withdrawn.
achievement-already-decided = This achievement was already checked by another curator.
achievement-queue = <b>Achievements to check</b>: { $count }. Open one, look at its proof and decide.
achievement-queue-empty = No achievements to check.
achievement-submitted = <b>A new achievement to check</b>
achievement-ask-reason = Why is the achievement rejected? Type the reason — the person will read it (up to { $max } characters). To stop, send /cancel.
achievement-reason-invalid = Type the reason: 1 to { $max } characters.
achievement-verified-done = The achievement “{ $title }” is verified — the person will be told.
achievement-rejected-done = The achievement “{ $title }” is rejected — the person will see the reason.
achievement-verified = ✅ The curator verified the achievement “{ $title }”. It is now in the portfolio.
achievement-rejected = ❌ The curator rejected the achievement “{ $title }”.
    Reason: { $reason }
    Fix it and send it again — the “Edit” button.
mydata-achievements = Achievements
mydata-achievement = { $title }, { $date }: { $status }
mydata-achievement-reason = reason for rejection: { $reason }
mydata-achievement-file = file “{ $name }”
achievement-list-mentor = <b>Achievements</b>
    Here you can add an achievement for your mentee: the curator checks it and it goes into the mentee's portfolio.
wizard-achievement = adding an achievement
btn-wizard-achievement = Continue adding the achievement
