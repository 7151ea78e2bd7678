## Ждёт вашего ответа
btn-pending = Ждёт вашего ответа
cmd-pending = Что ждёт вашего ответа
awaiting-none = Сейчас ничего не ждёт вашего ответа. Когда придёт соглашение, предложение или просьба, я пришлю сообщение — ответить можно будет и здесь.
awaiting-title = Ждёт вашего ответа: { $count }. Ответьте кнопками под сообщениями ниже.
awaiting-on-start = Ждёт вашего ответа: { $count }. Нажмите «Ждёт вашего ответа», чтобы ответить.
awaiting-who = Ждём ответа: { $names }
awaiting-staff = Ждёт решения куратора.
request-extend-yours = Продление уже предложено, ждём вашего ответа:
btn-swap-mentor = Заменить наставника
pf-swapped-reason = Замена наставника по решению куратора
programme-mark-proposed = ⏳
programme-mark-active = ▶️
programme-mark-completed = ✅
programme-mark-ended = ⏹
programme-mark-declined = ✖️
