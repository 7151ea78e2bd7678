## Меню
btn-programme = Программа
btn-plan = План
btn-settings = Настройки
btn-pairs = Пары и группы
btn-banks = Банки
settings-title = Настройки и ваши данные:
cmd-programme = Программа: статус, соглашение, срок
cmd-plan = Индивидуальный план
btn-prev = ← Назад
btn-next = Дальше →
btn-back = ← Назад
btn-skip = Пропустить
btn-cancel = Отмена
btn-accept = Принять
btn-decline = Отклонить

## Формы и типы пар
pair-type-director_curator = Руководитель — куратор
pair-type-curator_educator = Куратор — воспитатель
pair-type-educator_counsellor = Воспитатель — вожатый
pair-type-counsellor_volunteer = Вожатый — волонтёр
pair-type-counsellor_pupil = Вожатый — воспитанник
pair-type-volunteer_pupil = Волонтёр — воспитанник
pair-type-other = Другое
activity-case = Кейс-метод
activity-image = Имиджмейкинг
activity-foresight = Форсайт
activity-networking = Нетворкинг
activity-meetup = Митап
activity-workshop = Воркшоп
activity-trend = Тренд-сессия
activity-hackathon = Хакатон
activity-forum = Форум
activity-network_project = Сетевой проект
programme-status-proposed = ждёт согласия
programme-status-active = идёт
programme-status-completed = завершена
programme-status-ended = прекращена
programme-status-declined = отклонена
agreement-status-pending = ещё не ответил(а)
agreement-status-accepted = принял(а) соглашение
agreement-status-declined = отклонил(а) соглашение

## Пары: куратор
pairs-summary = <b>Пары и группы</b>
    Ждут согласия: { $proposed }
    Идут: { $active }
    Завершены: { $completed }
    Прекращены: { $ended }
    Отклонены: { $declined }
btn-pair-form = Сформировать пару
btn-pair-list = Список пар
btn-pair-next = Дальше: наставник
btn-pair-confirm = Сформировать
btn-open-pair = Открыть пару
pairs-none = Пар пока нет. Сформируйте первую.
pairs-list-title = Пары и группы — выберите, чтобы открыть:
pair-label = №{ $id } { $names } ({ $status })
pf-no-mentees = Нет наставляемых без пары. Когда кто-нибудь зарегистрируется как наставляемый, он появится здесь.
pf-ask-mentee = Шаг 1 из 6. Выберите наставляемого:
pf-ask-more-mentees = Выбраны: { $chosen }. Добавьте ещё наставляемого, чтобы получилась группа, или нажмите «Дальше: наставник».
pf-no-mentors = Нет наставников со свободными местами. Попросите наставников указать в анкете, скольких наставляемых они готовы вести.
pf-ask-mentor = Шаг 2 из 6. Подходящие наставники — сначала самые подходящие:
    { $lines }
pf-reason = { $index }. { $name }: { $reasons }
pf-reason-topics = общих тем: { $count } ({ $topics })
pf-reason-forms = формы: { $forms }
pf-reason-free = свободно мест: { $free } из { $capacity }
pf-ask-form = Шаг 3 из 6. Форма наставничества:
pf-ask-type = Шаг 4 из 6. Тип пары:
pf-ask-term = Шаг 5 из 6. Срок программы в месяцах — выберите кнопку или напишите число (не больше { $max }).
pf-term-button = { $months } мес.
pf-term-invalid = Напишите число месяцев от 1 до { $max }.
pf-ask-goals = Шаг 6 из 6. Напишите цели и задачи программы — они войдут в соглашение.
pf-done = Пара №{ $id } сформирована. Участникам отправлено соглашение — программа начнётся, когда все его примут.
pair-error-no-consent = { $name } не дал(а) согласие на обработку персональных данных — его (её) нельзя включить в пару.
pair-error-no-parent-consent = У { $name } нет согласия родителя — несовершеннолетнего нельзя включить в пару, пока родитель не даст согласие.
pair-error-not-registered = { $name } ещё не закончил(а) регистрацию.
pair-error-not-mentor = { $name } не в банке наставников.
pair-error-not-mentee = { $name } не в банке наставляемых.
pair-error-mentee-busy = { $name } уже в паре или группе.
pair-error-capacity = У наставника { $name } нет свободных мест: готов(а) вести { $capacity }, уже ведёт { $taken }.
pair-error-members = В паре должны быть наставник и хотя бы один наставляемый, и это разные люди.
pair-error-term = Срок — от 1 до { $max } месяцев.

## Соглашение
btn-agreement-accept = Принимаю
btn-agreement-decline = Не принимаю
btn-agreement-file = Соглашение (файл)
btn-open-programme = Открыть программу
agreement-file-caption = Соглашение о сотрудничестве между наставником и наставляемым.
agreement-active = Спасибо! Все приняли соглашение — программа началась. Наставник составит индивидуальный план.
agreement-waiting = Спасибо, ваше согласие сохранено. Программа начнётся, когда соглашение примут все участники.
agreement-declined = Вы отклонили соглашение. Участники и куратор получат уведомление; куратор подберёт другой вариант.

## Программа
programme-none = Вы пока не участвуете в программе наставничества. Куратор сформирует пару и пришлёт соглашение.
programme-choose = У вас несколько программ — выберите:
programme-active = Программа «{ $names }» началась: все приняли соглашение.
programme-declined = Соглашение по программе «{ $names }» отклонено, программа не начнётся.
programme-completed = Программа «{ $names }» завершена: план выполнен. Спасибо за работу!
programme-ended = Программа «{ $names }» прекращена ({ $by }). Причина: { $reason }
programme-completed-you = Программа завершена — план выполнен. Участники и куратор получат уведомление.
programme-ended-you = Программа прекращена. Участники и куратор получат уведомление.
programme-plan-not-done = Завершить программу можно, когда все пункты плана выполнены.
programme-ask-end-reason = Почему программа прекращается? Напишите причину — её увидят участники и куратор. Чтобы передумать, отправьте /cancel.
programme-ask-replace-reason = Почему вам нужен другой наставник? Напишите причину — её увидит только куратор. Чтобы передумать, отправьте /cancel.
programme-replace-sent = Просьба отправлена куратору. Он свяжется с вами.
programme-extend-choose = На сколько месяцев продлить программу? Остальные участники должны согласиться.
btn-months = +{ $months } мес.
btn-extend = Продлить срок
btn-complete = Завершить: план выполнен
btn-end-early = Прекратить досрочно
btn-end-by-curator = Прекратить (куратор)
btn-replace-mentor = Другой наставник
request-sent = Предложение отправлено — ждём ответа остальных участников.
request-kind-extend = продление срока
request-kind-plan_change = изменение плана
request-kind-replace_mentor = замена наставника
request-extend = { $by } предлагает продлить программу «{ $names }» на { $months } мес. Согласны?
request-plan_change = { $by } предлагает изменить план программы «{ $names }»: { $change }. Согласны?
request-replace_mentor = { $by } просит заменить наставника в программе «{ $names }». Причина: { $reason }
request-accepted = Предложение ({ $kind }) по программе «{ $names }» принято ({ $by }).
request-declined = Предложение ({ $kind }) по программе «{ $names }» отклонено ({ $by }).
request-accepted-you = Готово, вы согласились.
request-declined-you = Вы отклонили предложение. Автор получит уведомление.
plan-change-add = добавить пункт «{ $title }» на { $date }
plan-change-move = перенести «{ $title }» на { $date }
plan-change-delete = удалить пункт «{ $title }»

## План
plan-no-programme = У вас нет идущей программы. План появится, когда все примут соглашение.
plan-choose = Чей план открыть?
plan-pick-label = №{ $id } { $names }
btn-ms-add = Добавить пункт
btn-ms-done = Отметить выполненным
btn-ms-move = Перенести
btn-ms-delete = Удалить
btn-plan-agree = Отправить план на согласование
btn-plan-agree-yes = Согласен(на) с планом
btn-tell-curator = Сообщить куратору
btn-ms-done-short = Выполнено
btn-snooze = Напомнить через { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[other] { $days } дней
}
ms-ask-title = Как называется пункт плана? Например: «Хакатон по робототехнике».
ms-ask-date = Когда срок? Напишите дату: «25.12», «25.12.2026», «завтра», «через неделю», «в пятницу», «25 декабря». Сегодня { $today }.
ms-ask-new-date = Новая дата для «{ $title }» (сейчас { $date })? Например: «25.12» или «через неделю».
ms-date-invalid = Не понял дату. Напишите, например, «25.12», «25.12.2026», «завтра» или «через 2 недели».
ms-date-past = Эта дата уже прошла. Укажите сегодняшнюю или будущую.
ms-ask-format = Формат работы? Выберите или пропустите.
ms-ask-description = Добавьте описание (что сделать, что подготовить) или нажмите «Пропустить».
ms-added = Пункт «{ $title }» добавлен. Напоминания придут обоим участникам.
ms-moved = «{ $title }» перенесён на { $date }.
ms-deleted = Пункт «{ $title }» удалён из плана.
ms-pick-d = Какой пункт выполнен?
ms-pick-m = Какой пункт перенести?
ms-pick-x = Какой пункт удалить?
ms-not-available = Этот пункт плана уже недоступен: он выполнен, удалён или это не ваша программа.
ms-done = Отлично! «{ $title }» выполнен. Остальные участники получат уведомление.
ms-snoozed-you = Хорошо, напомню через { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[other] { $days } дней
}.
ms-curator-told = Куратор получит уведомление.
plan-change-proposed = План уже согласован, поэтому изменение отправлено остальным участникам — оно вступит в силу, когда они согласятся.
plan-sent-for-agreement = План отправлен наставляемым на согласование. После согласования изменения — только по взаимному согласию.
plan-agreed-you = Спасибо, план согласован.
plan-for-agreement = Наставник предлагает индивидуальный план программы «{ $names }». Посмотрите его и подтвердите согласие.
plan-agreed = План программы «{ $names }» согласован ({ $by }).
ms-before = Напоминание: «{ $title }» — { $date }, через { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[other] { $days } дней
} ({ $names }).
ms-day = Сегодня срок: «{ $title }» ({ $names }).
ms-overdue = Срок «{ $title }» прошёл ({ $date }). Если уже сделано — отметьте, если нет — договоритесь о новой дате.
ms-snoozed = Напоминаю: «{ $title }» — срок { $date } ({ $names }).
ms-overdue-curator = Пункт плана «{ $title }» просрочен: срок был { $date } ({ $names }).
ms-done-notice = { $by } отметил(а) выполненным «{ $title }» ({ $names }).
ms-curator-notice = { $by } сообщает: выполнен пункт плана «{ $title }» ({ $names }).
btn-more-formats = Другие форматы →
btn-reminders = Напоминания
reminders-choose = Когда напоминать о пунктах плана? Сейчас: { $current }. В день срока напоминание приходит всегда, о просрочке — тоже.
reminders-set = Готово, напоминания: { $current }.
btn-reminders-31 = За 3 дня и за 1 день
btn-reminders-731 = За 7, 3 и 1 день
btn-reminders-1 = За 1 день
btn-reminders-0 = Только в день срока
