## Встречи
btn-meetings = Встречи
cmd-meetings = Встречи: назначить, подтвердить, перенести
meetings-title = <b>Ваши ближайшие встречи: { $count }</b>. Под каждой — что с ней можно сделать.
meetings-footer = Назначить новую встречу или сохранить все встречи в календарь — кнопками ниже.
meetings-none = Ближайших встреч пока нет. Назначьте встречу кнопкой ниже.
btn-meeting-new = Назначить встречу
btn-meeting-schedule = Все встречи — файлом для календаря
meeting-no-programme = Встречи назначаются внутри программы, а у вас сейчас нет идущей программы.
meeting-choose-programme = Для какой программы назначить встречу?

## Мастер встречи
meeting-ask-day = В какой день встреча? Выберите день ниже или напишите день и время, например: «завтра 15:00», «в пятницу в 18:30», «25.12 18:30».
meeting-ask-slot = Во сколько встреча ({ $day })? Выберите время или напишите его, например «16:45». Время — по вашим часам.
meeting-ask-length = Сколько продлится встреча?
btn-minutes = { $count } мин
meeting-ask-place = Где встреча? Напишите адрес или ссылку на онлайн-встречу (до { $max } символов) или нажмите «Пропустить».
meeting-ask-format = Выберите формат встречи.
meeting-ask-agenda = О чём встреча? Напишите повестку (до { $max } символов) или нажмите «Пропустить».
meeting-ask-covers = Какой пункт плана закрывает эта встреча?
meeting-ask-repeat = Встреча разовая или повторяется?
btn-meeting-repeat-0 = Один раз
btn-meeting-repeat-1 = Каждую неделю
btn-meeting-repeat-2 = Раз в две недели
meeting-ask-count = Сколько встреч в серии?
btn-meeting-count = { $count } { $count ->
    [one] раз
    [few] раза
   *[many] раз
}
btn-meeting-until-end = До конца срока программы
meeting-series = { $every ->
    [1] каждую неделю
   *[other] раз в две недели
}{ $count ->
    [0] {""}, до конца срока программы
   *[other] , { $count } { $count ->
        [one] раз
        [few] раза
       *[many] раз
    }
}
meeting-summary = <b>Проверьте встречу</b>
    Когда: { $when } (по вашим часам)
    Длительность: { $minutes } мин
    Место: { $place }
    Повестка: { $agenda }
    Повтор: { $series }
    Остальным участникам придёт приглашение — каждый увидит время по своим часам.
btn-meeting-send = Отправить
btn-meeting-send-anyway = Всё равно отправить
meeting-clash-warning = В это время у кого-то из участников уже есть другая встреча. Отправить приглашение всё равно?
meeting-sent = Приглашение отправлено. Встреча будет подтверждена, когда ответят все участники.
meeting-dropped = Встреча не назначена.

## Карточка встречи
meeting-status-proposed = ждёт ответов
meeting-status-confirmed = подтверждена
meeting-status-cancelled = отменена
meeting-status-held = состоялась
meeting-status-not_held = не состоялась
meeting-answer-pending = ответа пока нет
meeting-answer-confirmed = придёт
meeting-answer-declined = не сможет
btn-meeting-confirm = Подтверждаю
btn-meeting-confirm-all = Подтвердить для всех
btn-meeting-other-time = Предложить другое время
btn-meeting-move = Перенести
btn-meeting-cancel = Отменить встречу

## Ответы участнику
meeting-confirmed-you = Спасибо, вы подтвердили встречу. Встреча подтверждена — файл для календаря придёт следом.
meeting-confirmed-waiting = Спасибо, вы подтвердили встречу. Ждём ответа остальных участников.
meeting-declined-you = Вы отказались от встречи. Тот, кто её предложил, узнает об этом.
meeting-cancelled-you = Встреча отменена, участники узнают об этом.
btn-meeting-cancel-series = Отменить всю серию
meeting-series-cancel-sure = Отменить всю серию? Впереди { $count } { $count ->
    [one] встреча
    [few] встречи
   *[many] встреч
} — все они будут отменены. Участники получат уведомление и файл, который уберёт серию из календаря. Прошедшие встречи останутся в истории.
btn-meeting-cancel-series-sure = Да, отменить всю серию
btn-meeting-keep-series = Нет, оставить
meeting-series-cancelled-you = Серия отменена, отменено встреч: { $count }. Участники узнают об этом.
meeting-moved-you = Встреча перенесена на { $when }. Участники получат новое время и файл для календаря.
meeting-counter-sent = Вы предложили другое время: { $when }. Ждём ответа того, кто назначил встречу.
meeting-counter-taken = Встреча перенесена на предложенное время.
meeting-counter-refused = Время встречи осталось прежним.
meeting-not-held-noted = Записано: встреча не состоялась.
meeting-ask-attendance = Кто был на встрече? Нажмите на имя, чтобы отметить или снять отметку, затем «Готово».
btn-meeting-came = ✅ { $name }
btn-meeting-absent = ⬜ { $name }
btn-meeting-logged = Готово
meeting-logged = Встреча записана как состоявшаяся, присутствовали: { $count }.
meeting-logged-item = Встреча записана как состоявшаяся, присутствовали: { $count }. Она была по пункту плана «{ $title }» — отметить его выполненным?
btn-meeting-item-done = Отметить пункт плана выполненным

## Уведомления
meeting-proposed = { $by } предлагает встречу. Подтвердите, откажитесь или предложите другое время.
meeting-confirmed = Встреча подтверждена. Файл для календаря — ниже.
meeting-declined = { $by } не сможет прийти на встречу.
meeting-called-off = Встреча не состоится: никто, кроме предложившего, не сможет прийти.
meeting-moved = { $by }: встреча перенесена на новое время. Новый файл для календаря — ниже.
meeting-cancelled = { $by }: встреча отменена. Файл ниже уберёт её из календаря.
meeting-series-cancelled = { $by } отменил всю серию встреч. Файл ниже уберёт её из календаря.
meeting-programme-ended = Программа закончилась, и встреча отменена. Файл ниже уберёт её из календаря.
meeting-counter = { $by } предлагает другое время встречи. Принять его?
meeting-counter-declined = { $by }: время встречи остаётся прежним.
meeting-reminder = Напоминание: встреча через { $hours } { $hours ->
    [one] час
    [few] часа
   *[many] часов
}.
meeting-outcome = Встреча состоялась?
btn-meeting-held = Да, состоялась
btn-meeting-not = Нет
btn-meeting-moved = Её перенесли

## Напоминания о встречах
btn-meeting-reminders = Напоминания о встречах
meeting-reminders-choose = За сколько часов до встречи напоминать участникам? Сейчас: { $current }.
meeting-reminders-set = Готово: о встречах напомним за { $current } ч.
btn-meeting-reminders-241 = За сутки и за час
btn-meeting-reminders-24 = За сутки
btn-meeting-reminders-1 = За час
btn-meeting-reminders-0 = Не напоминать

## Отказы
meeting-not-yours = Эта встреча не из вашей программы или программа уже не идёт.
meeting-not-a-series = Эта встреча не из серии — отменить можно только её саму.
meeting-in-past = Это время уже прошло. Выберите время впереди.
meeting-clash = В это время у кого-то из участников уже есть другая встреча. Ничего не изменилось: выберите другое время.
meeting-already-cancelled = Эта встреча уже отменена — подтвердить её нельзя.
meeting-already-answered = На это уже ответили, встреча изменилась. Откройте /meetings, чтобы увидеть, как сейчас.
meeting-not-yet = Встреча ещё не началась — отметить её можно после начала.
meeting-series-no-end = У программы не задан конец срока. Укажите число встреч.
meeting-series-count = В серии должно быть от 2 до { $max } встреч; до конца срока столько не помещается.

## Файлы для календаря
meeting-ics-summary = Встреча наставничества: { $names }
meeting-ics-caption = Файл для календаря: откройте его, чтобы добавить встречу или обновить её.

## Мастер, оставленный на полпути
wizard-meeting = назначение встречи
btn-wizard-meeting = Продолжить назначение встречи

## Встречи в /mydata
mydata-meetings = Встречи
mydata-meeting = { $when }, программа №{ $id }: { $status }; { $answer }
mydata-meeting-answer-pending = вы ещё не ответили
mydata-meeting-answer-confirmed = вы подтвердили
mydata-meeting-answer-declined = вы отказались
mydata-meeting-came = вы были
mydata-meeting-absent = вы не были
mydata-meeting-other-time = вы предложили другое время: { $when }
mydata-meeting-place = место: { $place }
mydata-meeting-format = формат: { $format }
mydata-meeting-agenda = повестка: { $agenda }
