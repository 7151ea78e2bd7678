## Awaiting your answer
btn-pending = Awaiting your answer
cmd-pending = What awaits your answer
awaiting-none = Nothing awaits your answer right now. When an agreement, a proposal or a request comes, I will send a message — and you can answer here too.
awaiting-title = Awaiting your answer: { $count }. Answer with the buttons under the messages below.
awaiting-on-start = Awaiting your answer: { $count }. Press «Awaiting your answer» to answer.
awaiting-who = Awaiting an answer from: { $names }
awaiting-staff = Awaiting the curator's decision.
request-extend-yours = An extension has already been proposed and awaits your answer:
btn-swap-mentor = Replace the mentor
pf-swapped-reason = Mentor replaced by the curator
programme-mark-proposed = ⏳
programme-mark-active = ▶️
programme-mark-completed = ✅
programme-mark-ended = ⏹
programme-mark-declined = ✖️
