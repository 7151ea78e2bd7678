## Достижения (/achievements) и их проверка куратором
cmd-achievements = Мои достижения
btn-achievements = Мои достижения
achievement-kind-other = Другое
achievement-level-school = Школьный
achievement-level-municipal = Муниципальный
achievement-level-regional = Региональный
achievement-level-national = Всероссийский
achievement-level-international = Международный
achievement-result-participant = Участник
achievement-result-prize_winner = Призёр
achievement-result-winner = Победитель
achievement-state-pending = на проверке у куратора
achievement-state-verified = подтверждено куратором
achievement-state-rejected = отклонено куратором
achievement-state-withdrawn = отозвано
achievement-details = <b>{ $title }</b>
    Вид: { $kind }
    Уровень: { $level }
    Результат: { $result }
    Дата: { $date }
achievement-card-title = <b>Достижение</b> — { $name }
achievement-status = { $mark } Статус: { $state }
achievement-reason = Причина отказа: { $reason }
achievement-proof-link = Подтверждение: { $url }
achievement-proof-file = Подтверждение: файл приложен
achievement-list = <b>Мои достижения</b> ({ $count }). Нажмите на достижение, чтобы открыть его, или добавьте новое. Показаны последние { $shown }.
achievement-list-empty = <b>Мои достижения</b>
    Здесь пока пусто. Добавьте олимпиаду, хакатон, конкурс или курс с подтверждением — куратор проверит, и достижение войдёт в ваше портфолио.
achievement-none-mentees-only = Достижения добавляют наставляемые (или их наставник). Посмотреть, что ещё можно сделать, — /help.
achievement-mentees-only = Достижения добавляют наставляемые — или наставник за своего наставляемого.
achievement-choose-mentee = Для кого из ваших наставляемых добавить достижение?
btn-achievement-add = Добавить
btn-achievement-for-mentee = Добавить наставляемому
btn-achievement-open = Открыть достижение
btn-achievement-edit = Изменить
btn-achievement-withdraw = Отозвать
btn-achievement-withdraw-sure = Да, отозвать
btn-achievement-keep = Нет, оставить
btn-achievement-keep-answer = Оставить как было
btn-achievement-more-kinds = Ещё виды
btn-achievement-send = Отправить на проверку
btn-achievement-verify = Подтвердить
btn-achievement-reject = Отклонить
btn-achievement-queue = Очередь на проверку
btn-achievement-queue-count = Достижения на проверку ({ $count })
achievement-ask-title = Как называется достижение? Например: «Олимпиада НТИ, профиль „Автономные транспортные системы“». До { $max } символов. Чтобы передумать, отправьте /cancel.
achievement-title-invalid = Нужно название длиной от 2 до { $max } символов.
achievement-ask-kind = Какой это вид мероприятия? Выберите кнопкой (или /cancel).
achievement-ask-level = Какой уровень у мероприятия? Выберите кнопкой (или /cancel).
achievement-ask-result = Какой результат? Выберите кнопкой (или /cancel).
achievement-ask-date = Когда это было? Напишите дату, например «15.03.2026» или «вчера». Чтобы передумать, отправьте /cancel.
achievement-date-invalid = Не понял дату. Напишите её так: «15.03.2026».
achievement-date-future = Эта дата ещё не наступила. Напишите дату с годом, например «15.03.2026».
achievement-ask-proof = Пришлите подтверждение: фото диплома или сертификата, PDF-файл (до { $mb } МБ) или ссылку, которая начинается с https://. Чтобы передумать, отправьте /cancel.
achievement-proof-invalid = Нужно подтверждение: фото, PDF-файл или ссылка, которая начинается с http:// или https://.
achievement-proof-not-pdf = Этот файл не подходит: пришлите фото или PDF. Другой документ можно сохранить в PDF.
achievement-summary = <b>Проверьте достижение</b>
    { $details }
    { $proof }
    Отправить его куратору на проверку?
achievement-sent = Достижение «{ $title }» отправлено куратору на проверку. Я сообщу, когда оно будет проверено.
achievement-dropped = Хорошо, достижение не отправлено.
achievement-verified-locked = Это достижение уже подтверждено куратором, изменить его нельзя. Можно только отозвать.
achievement-withdraw-sure = Отозвать достижение «{ $title }»? Оно пропадёт из портфолио, а файл подтверждения будет удалён.
achievement-withdrawn = Достижение «{ $title }» отозвано.
achievement-gone = Этого достижения больше нет: его отозвали.
achievement-already-decided = Это достижение уже проверено другим куратором.
achievement-queue = <b>Достижения на проверку</b>: { $count }. Откройте достижение, посмотрите подтверждение и примите решение.
achievement-queue-empty = Достижений на проверку нет.
achievement-submitted = <b>Новое достижение на проверку</b>
achievement-ask-reason = Почему достижение отклонено? Напишите причину — её увидит участник (до { $max } символов). Чтобы передумать, отправьте /cancel.
achievement-reason-invalid = Напишите причину отказа: от 1 до { $max } символов.
achievement-verified-done = Достижение «{ $title }» подтверждено — участник получит уведомление.
achievement-rejected-done = Достижение «{ $title }» отклонено — участник увидит причину.
achievement-verified = ✅ Куратор подтвердил достижение «{ $title }». Теперь оно в портфолио.
achievement-rejected = ❌ Куратор отклонил достижение «{ $title }».
    Причина: { $reason }
    Исправьте и отправьте ещё раз — кнопка «Изменить».
mydata-achievements = Достижения
mydata-achievement = { $title }, { $date }: { $status }
mydata-achievement-reason = причина отказа: { $reason }
mydata-achievement-file = файл «{ $name }»
achievement-list-mentor = <b>Достижения</b>
    Здесь можно добавить достижение своему наставляемому: куратор проверит его, и оно войдёт в портфолио наставляемого.
wizard-achievement = добавление достижения
btn-wizard-achievement = Продолжить добавление достижения
