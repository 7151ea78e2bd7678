## Меню
btn-programme = Программа
btn-plan = План
btn-settings = Настройки
btn-pairs = Пары и группы
btn-banks = Банки
settings-title = Настройки и ваши данные — выберите, что открыть:
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
agreement-status-pending = ответа пока нет
agreement-status-accepted = соглашение принято
agreement-status-declined = соглашение отклонено

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
pairs-none = Пар пока нет — сформируйте первую кнопкой ниже.
pairs-list-title = Пары и группы — выберите, чтобы открыть:
pair-label = №{ $id } { $names } ({ $status })
pf-no-mentees = Наставляемых без пары нет. Новые наставляемые появятся здесь, когда зарегистрируются и заполнят анкету.
pf-ask-mentee = Шаг 1 из 6. Выберите наставляемого:
pf-ask-more-mentees = Выбраны: { $chosen }. Добавьте ещё наставляемого, чтобы получилась группа, или нажмите «Дальше: наставник».
pf-no-mentors = Нет наставников со свободными местами. Попросите наставников указать в анкете, скольких наставляемых они готовы вести.
pf-ask-mentor = Шаг 2 из 6. Выберите наставника — самые подходящие идут первыми:
    { $lines }
pf-reason = { $index }. { $name }: { $reasons }
pf-reason-topics = общих тем: { $count } ({ $topics })
pf-reason-forms = общие формы: { $forms }
pf-reason-free = свободно мест: { $free } из { $capacity }
pf-ask-form = Шаг 3 из 6. Выберите форму наставничества:
pf-ask-type = Шаг 4 из 6. Выберите тип пары:
pf-ask-term = Шаг 5 из 6. Срок программы в месяцах: выберите кнопку или напишите число от 1 до { $max }.
pf-term-button = { $months } мес.
pf-term-invalid = Напишите число месяцев от 1 до { $max }.
pf-ask-goals = Шаг 6 из 6. Напишите цели и задачи программы — они войдут в соглашение.
pf-done = Пара №{ $id } сформирована. Участникам отправлено соглашение — программа начнётся, когда его примут все.
pair-error-no-consent = { $name }: нет согласия на обработку персональных данных, поэтому включить в пару нельзя.
pair-error-no-parent-consent = { $name }: нет согласия родителя. Несовершеннолетнего можно включить в пару только после того, как родитель даст согласие.
pair-error-not-registered = { $name }: регистрация ещё не завершена.
pair-error-not-mentor = { $name }: нет в банке наставников.
pair-error-not-mentee = { $name }: нет в банке наставляемых.
pair-error-mentee-busy = { $name } уже в паре или группе.
pair-error-capacity = Наставник { $name }: свободных мест нет — готов(а) вести { $capacity }, уже ведёт { $taken }.
pair-error-members = В паре должны быть наставник и хотя бы один наставляемый, причём это должны быть разные люди.
pair-error-term = Срок — от 1 до { $max } { $max ->
    [one] месяца
   *[other] месяцев
}.

## Соглашение
btn-agreement-accept = Принимаю
btn-agreement-decline = Не принимаю
btn-agreement-file = Скачать соглашение
btn-open-programme = Открыть программу
agreement-file-caption = Соглашение о сотрудничестве между наставником и наставляемым.
agreement-active = Спасибо! Все приняли соглашение — программа началась. Наставник составит индивидуальный план.
agreement-waiting = Спасибо, ваш ответ сохранён. Программа начнётся, когда соглашение примут все участники.
agreement-declined = Вы отклонили соглашение. Остальные участники и куратор получат уведомление, а куратор подберёт другой вариант.

## Программа
programme-none = Вы пока не участвуете в программе наставничества. Когда куратор сформирует пару, я пришлю вам соглашение.
programme-choose = У вас несколько программ — выберите нужную:
programme-active = Программа «{ $names }» началась: все приняли соглашение.
programme-declined = Соглашение по программе «{ $names }» отклонено — программа не начнётся. Кто отклонил: { $by }. Причина: { $reason }
programme-completed = Программа «{ $names }» завершена: план выполнен. Спасибо за работу!
programme-ended = Программа «{ $names }» прекращена. Решение принял(а): { $by }. Причина: { $reason }
programme-completed-you = Программа завершена — план выполнен. Остальные участники и куратор получат уведомление.
programme-ended-you = Программа прекращена. Остальные участники и куратор получат уведомление.
programme-plan-not-done = Завершить программу можно, только когда выполнены все пункты плана.
programme-ask-end-reason = Почему программа прекращается? Напишите причину — её увидят участники и куратор. Если передумали, отправьте /cancel.
programme-ask-replace-reason = Почему вам нужен другой наставник? Напишите причину — её увидит только куратор. Если передумали, отправьте /cancel.
programme-replace-sent = Просьба отправлена куратору — он свяжется с вами.
programme-extend-choose = На сколько месяцев продлить программу? Выберите кнопку. Срок продлится, когда остальные участники согласятся.
btn-months = +{ $months } мес.
btn-extend = Продлить срок
btn-complete = Завершить: план выполнен
btn-end-early = Прекратить досрочно
btn-end-by-curator = Прекратить (куратор)
btn-replace-mentor = Попросить другого наставника
request-sent = Предложение отправлено — ждём ответа остальных участников.
request-kind-extend = продление срока
request-kind-plan_change = изменение плана
request-kind-replace_mentor = замена наставника
request-extend = { $by } предлагает продлить программу «{ $names }» на { $months } { $months ->
    [one] месяц
    [few] месяца
   *[other] месяцев
}. Нажмите «Принять» или «Отклонить».
request-plan_change = { $by } предлагает изменить план программы «{ $names }»: { $change }. Нажмите «Принять» или «Отклонить».
request-replace_mentor = { $by } просит заменить наставника в программе «{ $names }». Причина: { $reason }
request-accepted = { $by } принял(а) предложение по программе «{ $names }»: { $kind }.
request-declined = { $by } отклонил(а) предложение по программе «{ $names }»: { $kind }.
request-accepted-you = Готово, вы приняли предложение.
request-declined-you = Вы отклонили предложение. Остальные участники получат уведомление.
plan-change-add = добавить пункт «{ $title }» на { $date }
plan-change-move = перенести «{ $title }» на { $date }
plan-change-delete = удалить пункт «{ $title }»

## План
plan-no-programme = У вас нет действующей программы. План появится, когда все участники примут соглашение.
plan-choose = План какой программы открыть? Выберите кнопку ниже.
plan-pick-label = №{ $id } { $names }
btn-ms-add = Добавить пункт
btn-ms-done = Отметить выполненным
btn-ms-move = Перенести
btn-ms-delete = Удалить
btn-plan-agree = Отправить план на согласование
btn-plan-agree-yes = Принимаю план
btn-tell-curator = Сообщить куратору
btn-ms-done-short = Выполнено
btn-snooze = Напомнить через { $days ->
    [one] { $days } день
    [few] { $days } дня
    [many] { $days } дней
   *[other] { $days } дня
}
ms-ask-title = Как называется пункт плана? Напишите название, например «Хакатон по робототехнике».
ms-ask-date = Когда срок? Напишите дату, например: «25.12», «25.12.2026», «завтра», «через неделю», «в пятницу» или «25 декабря». Сегодня { $today }.
ms-ask-new-date = На какую дату перенести «{ $title }»? Сейчас срок — { $date }. Напишите новую дату, например «25.12» или «через неделю».
ms-date-invalid = Не понял дату. Напишите, например, «25.12», «25.12.2026», «завтра» или «через 2 недели».
ms-date-past = Эта дата уже прошла. Напишите сегодняшнюю или более позднюю дату.
ms-ask-format = Выберите формат работы или нажмите «Пропустить».
ms-ask-description = Напишите описание — что нужно сделать или подготовить — или нажмите «Пропустить».
ms-added = Пункт «{ $title }» добавлен. Напоминания придут всем участникам программы.
ms-moved = Пункт «{ $title }» перенесён на { $date }.
ms-deleted = Пункт «{ $title }» удалён из плана.
ms-pick-done = Какой пункт выполнен?
ms-pick-move = Какой пункт перенести?
ms-pick-delete = Какой пункт удалить?
ms-not-available = Этот пункт плана недоступен: он уже выполнен или удалён, программа завершилась или вы в ней не участвуете.
ms-done = Отлично, пункт «{ $title }» выполнен! Остальные участники получат уведомление.
ms-snoozed-you = Хорошо, напомню через { $days ->
    [one] { $days } день
    [few] { $days } дня
    [many] { $days } дней
   *[other] { $days } дня
}.
ms-curator-told = Готово, куратор получит уведомление.
plan-change-proposed = План уже согласован, поэтому изменение отправлено остальным участникам — оно вступит в силу, когда они согласятся.
plan-sent-for-agreement = План отправлен наставляемым на согласование. После этого менять его можно будет только по взаимному согласию.
plan-agreed-you = Спасибо, план согласован.
plan-for-agreement = Наставник предлагает индивидуальный план программы «{ $names }». Откройте его кнопкой «План» и, если всё устраивает, нажмите «Принимаю план».
ms-before = Напоминание: срок пункта «{ $title }» — { $date }, через { $days ->
    [one] { $days } день
    [few] { $days } дня
    [many] { $days } дней
   *[other] { $days } дня
} ({ $names }).
ms-day = Сегодня срок пункта «{ $title }» ({ $names }).
ms-overdue = Срок пункта «{ $title }» прошёл ({ $date }). Если всё сделано, нажмите «Выполнено»; если нет — договоритесь о новой дате.
ms-snoozed = Напоминаю: срок пункта «{ $title }» — { $date } ({ $names }).
ms-overdue-curator = Пункт плана «{ $title }» просрочен: срок был { $date } ({ $names }).
ms-done-notice = { $by } отметил(а) пункт «{ $title }» как выполненный ({ $names }).
ms-curator-notice = { $by } сообщает: выполнен пункт плана «{ $title }» ({ $names }).
btn-more-formats = Другие форматы →
btn-reminders = Напоминания
reminders-choose = Когда напоминать о пунктах плана? Сейчас: «{ $current }». Выберите кнопку ниже. В день срока и при просрочке напоминание приходит в любом случае.
reminders-set = Готово, напоминания: «{ $current }».
btn-reminders-31 = За 3 дня и за 1 день
btn-reminders-731 = За 7, 3 и 1 день
btn-reminders-1 = За 1 день
btn-reminders-0 = Только в день срока
plan-already-sent = План уже отправлен на согласование — ждём ответа наставляемых.
plan-agreed-waiting = Спасибо, ваше согласие сохранено. План будет согласован, когда его примут все наставляемые.
request-kind-plan_agreement = согласование плана
programme-extend-too-long = Продлить нельзя: программа не может длиться дольше { $max } месяцев. Если работа продолжается, куратор может сформировать новую пару.
cmd-settings = Язык, часовой пояс и ваши данные
btn-replace-mentor-now = Подобрать другого наставника
pf-replaced-reason = Замена наставника по просьбе наставляемого
agreement-ask-decline-reason = Почему вы не принимаете соглашение? Напишите причину — её увидят куратор и другие участники. Если передумали, нажмите «Отмена»: соглашение останется без ответа.
programme-kept = Ничего не изменилось — всё осталось как было.
btn-end-sure = Да, прекратить
programme-end-confirm = Прекратить программу №{ $id } досрочно? Вернуть её будет нельзя. Если да, дальше я спрошу причину.
