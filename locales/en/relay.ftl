## Messages between the curator and a participant
btn-write = Write
btn-answer-curator = Reply to the curator
btn-write-again = Reply
relay-ask = Type your message for { $name } (up to { $max } characters). I will pass it on in your name wherever they use the bot, Telegram or VK; their answer will come here. To change your mind, send /cancel.
relay-text-invalid = Please type the message as text, up to { $max } characters. Type it again or send /cancel.
relay-sent = Your message to { $name } is sent. When they answer, I will pass the answer on here.
relay-ask-answer = Type your answer to the curator (up to { $max } characters). To change your mind, send /cancel.
relay-answer-sent = Your answer is sent to the curator.
relay-from-curator = <b>A message from the curator { $name }:</b>
    { $text }
relay-from-person = <b>An answer from { $name }:</b>
    { $text }
relay-person-gone = You cannot write to this person: they have withdrawn their consent to data processing or are no longer in the programme.
relay-curator-gone = You cannot answer: this person is no longer a curator of the programme.
btn-write-members = Write to a member
btn-write-mentor = Mentor: { $name }
btn-write-mentee = Mentee: { $name }
relay-pick = Whom to write to? The message reaches them where they use the bot, on Telegram or VK.
