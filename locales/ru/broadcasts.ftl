## Объявления куратора: рассылка, её ход и итог; переключатель в настройках
btn-broadcast = Объявление
cmd-broadcast = Отправить объявление участникам
wizard-broadcast = отправка объявления
wizard-begun-broadcast = Вы уже начали готовить объявление — всё сохранено. Продолжить с того же шага или начать заново?
btn-wizard-broadcast = Продолжить объявление
broadcast-ask-text = Напишите текст объявления (до { $limit } символов). К нему можно приложить одно фото или один документ — в том же сообщении.
broadcast-text-invalid = Текст объявления должен быть непустым и не длиннее { $limit } символов. Напишите его ещё раз (или /cancel).
broadcast-one-file = К объявлению можно приложить только один файл. Отправьте текст ещё раз с одним фото или документом.
broadcast-ask-audience = Кому отправить объявление?
btn-broadcast-all = Всем участникам
btn-broadcast-mentors = Наставникам
btn-broadcast-mentees = Наставляемым
btn-broadcast-parents = Родителям несовершеннолетних
btn-broadcast-form = По форме
btn-broadcast-pair_type = По типу пары
btn-broadcast-programme = Одной паре или группе
btn-broadcast-survey = Не ответившим на опрос
broadcast-ask-form = Участникам какой формы наставничества?
broadcast-ask-pair_type = Какой тип пары?
broadcast-ask-programme = Какой паре или группе?
broadcast-ask-survey = Кто не ответил на какой опрос?
broadcast-no-pair_type = Сейчас нет ни одной действующей пары или группы. Выберите другой вариант.
broadcast-no-programme = Сейчас нет ни одной действующей пары или группы. Выберите другой вариант.
broadcast-no-survey = Вы ещё не отправляли опросов. Выберите другой вариант.
broadcast-audience-parents = родители несовершеннолетних участников
broadcast-audience-survey = не ответившие на опрос № { $id }
broadcast-preview = <b>Объявление</b> — { $audience }.
    Получат: в Telegram — { $telegram }, во ВКонтакте — { $vk }{ $other ->
        [0] {""}
       *[other] , в консоли — { $other }
    }.
    { $skipped ->
        [0] Никто не отключал объявления.
        [one] Пропущен { $skipped } человек: он отключил объявления.
        [few] Пропущено { $skipped } человека: они отключили объявления.
       *[many] Пропущено { $skipped } человек: они отключили объявления.
    }{ $file ->
        [1] {" "}Файл приложен.
       *[other] {""}
    }
    Текст:
broadcast-confirm = Отправить? Список получателей закрепится в момент отправки.
btn-broadcast-send = Отправить
btn-broadcast-back = Другая аудитория
broadcast-nobody = Некому отправить: в этой аудитории никого нет (или все отключили объявления). Выберите другую.
broadcast-started = <b>Объявление № { $id } отправляется</b>
    Доставлено: { $sent }, в очереди: { $pending }, не доставлено: { $failed }, пропущено: { $skipped }.
    Цифры в этом сообщении обновляются сами, пока идёт рассылка.
broadcast-card = <b>Объявление № { $id }</b> — { $status }
    Доставлено: { $sent }, в очереди: { $pending }, не доставлено: { $failed }, пропущено: { $skipped }.
broadcast-status-sending = идёт рассылка
broadcast-status-paused = на паузе
broadcast-status-cancelled = отменено
broadcast-status-done = разослано
btn-broadcast-open = Обновить
btn-broadcast-pause = Пауза
btn-broadcast-resume = Продолжить
btn-broadcast-cancel = Отменить рассылку
btn-broadcast-csv = Кому не дошло (файл)
broadcast-cannot-pause = Эту рассылку нельзя поставить на паузу: она уже не идёт.
broadcast-cannot-resume = Эту рассылку нельзя продолжить: она не на паузе.
broadcast-cannot-cancel = Эту рассылку уже нельзя отменить: она закончена.
broadcast-report = <b>Объявление № { $id } разослано</b>
    Доставлено: { $sent }, не доставлено: { $failed }, пропущено (отключили объявления): { $skipped }.
broadcast-csv = Кому объявление не дошло: { $count }.
broadcast-csv-address = Аккаунт
broadcast-csv-name = Имя
broadcast-csv-status = Состояние
broadcast-csv-reason = Причина
btn-announcements-on = Объявления: включены
btn-announcements-off = Объявления: выключены
btn-broadcast-stop = 🔕 Не присылать объявления
announcements-on = Объявления куратора включены — вы будете их получать.
announcements-off = Объявления куратора выключены. Включить их снова можно здесь же, в настройках.
