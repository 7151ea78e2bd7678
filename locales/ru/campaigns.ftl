## Опросы, которые отправляет куратор, и сводки для наставников
btn-surveys = Опросы
cmd-surveys = Опросы и сводки ответов
btn-campaign-new = Отправить опрос
btn-campaign-run = { $closed ->
    [yes] 🔒 { $title } · { $rate }%
   *[no] { $title } · { $rate }%
}
btn-campaign-open = Открыть опрос
btn-campaign-refresh = Обновить
btn-campaign-remind = Напомнить
btn-campaign-answers = Ответы файлом
btn-campaign-list = Все опросы
btn-campaign-all = Всем участникам
btn-campaign-mentors = Наставникам
btn-campaign-mentees = Наставляемым
btn-campaign-form = По форме
btn-campaign-pair_type = По типу пары
btn-campaign-programme = Одной паре или группе
btn-campaign-days = { $days ->
    [3] Через 3 дня
    [7] Через неделю
   *[other] Через две недели
}
btn-campaign-send = Отправить
wizard-campaign = отправка опроса
wizard-begun-campaign = Вы уже начали отправлять опрос — ответы сохранены. Продолжить с того же шага или начать заново?
btn-wizard-campaign = Продолжить отправку опроса
campaign-list = <b>Опросы</b>
    { $count ->
        [0] Вы ещё не отправляли опросов. Можно отправить любой опрос всем участникам или части из них.
       *[other] Отправленные опросы — рядом с каждым доля ответивших. Нажмите, чтобы увидеть подробности.
    }
campaign-ask-file = Какой опрос отправить?
campaign-ask-segment = Кому отправить опрос?
campaign-ask-form = Участникам какой формы наставничества? Опрос получат все участники действующих пар и групп этой формы.
campaign-ask-pair_type = Какой тип пары? Опрос получат все участники действующих пар и групп этого типа.
campaign-ask-programme = Какой паре или группе?
campaign-no-programmes = Сейчас нет ни одной действующей пары или группы. Выберите другой вариант.
campaign-ask-until = До какого дня принимать ответы? Нажмите кнопку или напишите дату, например «25 декабря» или «25.12».
campaign-deadline-unclear = Не понял дату. Напишите, например, «25 декабря», «25.12» или «через неделю».
campaign-deadline-past = Этот день уже прошёл. Выберите день не раньше сегодняшнего.
campaign-segment-all = все участники
campaign-segment-mentors = наставники
campaign-segment-mentees = наставляемые
campaign-segment-form = форма «{ $form }»
campaign-segment-pair_type = тип пары «{ $type }»
campaign-segment-programme = пара или группа № { $id }
campaign-summary = <b>Проверьте перед отправкой</b>
    Опрос: { $title }
    Кому: { $segment }
    Получателей: { $count }
    Ответы принимаются до { $until }.
    Список получателей запомнится в момент отправки.
campaign-nobody = Из этой группы опрос сейчас некому отправить: в ней никого нет или в опросе нет вопросов для её участников (самооценка, например, только для наставников). Выберите других получателей.
campaign-sent = Опрос отправлен: { $count ->
    [one] { $count } приглашение
    [few] { $count } приглашения
   *[many] { $count } приглашений
}. Долю ответивших видно в карточке опроса.
campaign-card = <b>{ $title }</b>
    Кому: { $segment }
    { $closed ->
        [yes] Опрос закрыт { $until }.
       *[no] Ответы принимаются до { $until }.
    }
    Приглашено: { $invited }
    Начали отвечать: { $started }
    Ответили полностью: { $completed } ({ $rate }%)
    Ещё не ответили: { $waiting }
    { $reminded ->
        [yes] Напоминание уже отправлено.
       *[no] { $closed ->
            [yes] Напоминание не отправлялось.
           *[no] { $waiting ->
                [0] Ответили все — напоминать некому.
               *[other] Можно один раз напомнить тем, кто ещё не ответил.
            }
        }
    }
campaign-reminded = Напоминание отправлено: { $count ->
    [one] { $count } человеку
   *[other] { $count } людям
}, которые ещё не ответили.
campaign-reminded-already = Напоминание по этому опросу уже отправлялось — второй раз напомнить нельзя.
campaign-closed = Опрос уже закрыт: напоминать поздно.
campaign-all-answered = Все уже ответили — напоминать некому.
campaign-mine = { $count ->
    [0] Сейчас опросов для вас нет. Когда придёт новый, я пришлю приглашение.
   *[other] Опросы, которые ждут ваших ответов:
}
campaign-csv-name = Имя
campaign-csv-role = Роль
campaign-csv-status = Статус
campaign-status-invited = не начинал(а)
campaign-status-started = начал(а), не закончил(а)
campaign-status-completed = ответил(а)
campaign-csv-ready = Ответы всех приглашённых: { $count ->
    [one] { $count } человек
    [few] { $count } человека
   *[many] { $count } человек
}. Файл только для куратора — не пересылайте его участникам.
btn-summary-run = { $title }
summary-list = <b>Опросы о ваших парах и группах</b>
    { $count ->
        [0] Пока нет опросов, в которых участвовали ваши наставляемые.
       *[other] Выберите опрос, чтобы увидеть сводку ответов. Видны только общие цифры, без имён и без текстов ответов.
    }
summary-head = <b>{ $title }</b>
    Ответили полностью: { $count }.
summary-mentors-only = Сводки опросов видят только наставники — по своим парам и группам.
summary-too-few = Пока ответили меньше трёх человек — сводка появится, когда ответов станет больше.
summary-question-few = { $text } — ответов пока меньше { $least }, цифры скрыты.
summary-question-text = { $text } — ответов текстом: { $count }. Их читает только куратор.
summary-question-scale = { $text } — в среднем { $mean } из { $max } (ответов: { $count })
summary-question-options = { $text } — { $options }
summary-option = { $option }: { $count }
