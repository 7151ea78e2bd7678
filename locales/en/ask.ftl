## A question to the mentor (/ask)
cmd-ask = Ask your mentor a question
btn-ask = Ask a question
btn-ask-mentor = Ask the mentor a question
btn-ask-to = Mentor: { $name }
ask-mentees-only = /ask is for mentees. The programme's curator will contact you here, in the bot.
ask-pick = Whom do you want to ask? Choose a mentor.
ask-prompt = Type your question for { $name }: as text, a photo or a document (a caption is fine). Text up to { $max } characters, a file up to { $mb } MB. I will pass it on wherever your mentor uses the bot, Telegram or VK; the answer will come here. To change your mind, send /cancel.
ask-prompt-curator = You have no mentor yet, so the programme's curator will get your question. Send it as text, a photo or a document (a caption is fine). Text up to { $max } characters, a file up to { $mb } MB. To change your mind, send /cancel.
ask-programme-over = Your programme with this mentor is no longer running, so the question was not sent. To ask a new one, send /ask.
ask-sent = Your question is sent to your mentor — the answer will come here. If there is no answer within { $hours } h, I will remind your mentor, and after { $hours } h more pass the question to the curator.
ask-sent-curator = Your question is sent to the curator — the answer will come here.
help-text-invalid = Please send a question: text up to { $max } characters, or a photo or document up to { $mb } MB. Send it again or /cancel.
upload-too-large = The file is too large: up to { $mb } MB can be sent. I have not kept it. Send a smaller file or a compressed photo — or /cancel.
upload-failed = I could not download the file — please send it again (or /cancel).
help-question = <b>A question from { $name }:</b>
    { $text }
help-remind = <b>Reminder:</b> a question from { $name } awaits your answer.
    { $text }
help-escalate = <b>A question unanswered for { $hours } h.</b> Mentee: { $name }, mentor: { $mentor }.
    { $text }
    Answer it yourself or hand it to another mentor.
help-answer = <b>An answer to your question</b> from { $name }:
    { $text }
btn-help-reply = Reply
btn-help-solved = Solved
btn-help-hand-on = Hand to another mentor
help-prompt-answer = Type your answer to { $name }: as text, a photo or a document (a caption is fine). Text up to { $max } characters, a file up to { $mb } MB. To change your mind, send /cancel.
help-prompt-more = Type what you want to add: as text, a photo or a document (a caption is fine). Text up to { $max } characters, a file up to { $mb } MB. To change your mind, send /cancel.
help-answer-sent = Your answer is sent.
help-more-sent = Your message is sent — the answer will come here.
help-solved-done = Great, the question is closed. For a new one, send /ask.
help-closed = This question is already closed. Ask a new one with /ask.
help-already-answered = This question has already been answered.
help-no-mentors = There are no other mentors to hand the question to right now. Please answer it yourself.
help-hand-pick = Which mentor should get the question?
help-handed = The question is handed to { $name }.
