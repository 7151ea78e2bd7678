# Отчёты куратора: /report, книга XLSX и графики PNG

report-kind-programmes = Программы наставничества
report-kind-monitoring = Мониторинг
report-kind-annual = Годовой отчёт

btn-report = Отчёт
btn-report-programmes = Программы
btn-report-monitoring = Мониторинг
btn-report-annual = Годовой
btn-report-this-month = Этот месяц
btn-report-last-month = Прошлый месяц
btn-report-school-year = Этот учебный год

report-choose-kind = <b>Отчёт</b>
    Какой отчёт подготовить?
    • Программы — участники, пары и группы, встречи по месяцам, план, нагрузка наставников, опросы.
    • Мониторинг — отклик на анкеты мониторинга и ответы по вопросам.
    • Годовой — численность участников для регионального наставнического центра.
report-choose-period = <b>{ $kind }</b>: за какой период?
    Выберите кнопкой или напишите даты через тире, например: 01.09.2026–30.11.2026
report-bad-period = Не получилось прочитать период. Напишите две даты через тире, например: 01.09.2026–30.11.2026
report-period-reversed = Начало периода позже его конца. Напишите даты по порядку, например: 01.09.2026–30.11.2026
report-period-too-long = Период длиннее { $years } { $years ->
        [one] года
       *[other] лет
    } — наверное, в дате опечатка. Напишите даты ещё раз, например: 01.09.2026–31.08.2027
report-ready = <b>{ $kind }</b> за период с { $first } по { $last }.
    В таблице — листы по разделам с диаграммами. На листе «Ответы участников» — личные ответы с именами: не пересылайте его.
report-chart = График к отчёту «{ $kind }»

# Книга
sheet-about = Отчёт
sheet-participants = Участники
sheet-programmes = Программы
sheet-meetings = Встречи
sheet-milestones = План
sheet-mentor-load = Нагрузка наставников
sheet-surveys = Опросы
sheet-questions = Ответы по вопросам
sheet-answers = Ответы участников

col-item = Показатель
col-value = Значение
col-group = Группа
col-people = Человек
col-programmes = Программ
col-month = Месяц
col-proposed = Предложено
col-held = Состоялось
col-not-held = Не состоялось
col-cancelled = Отменено
col-mentor = Наставник №
col-mentees = Наставляемых
col-active-programmes = Идущих программ
col-run = Опрос №
col-survey = Анкета
col-kind = Повод
col-opens = Открыт
col-closes = Закрывается
col-invited = Приглашено
col-started = Начали
col-completed = Ответили
col-rate = Отклик
col-question = Вопрос
col-answer = Ответ
col-count = Ответов
col-mean = Среднее
col-name = Участник

about-kind = Отчёт
about-from = С
about-to = По
about-zone = Часовой пояс
about-org = Организация

group-total = Всего участников
group-role = Роль
group-age = Возраст
group-form = Форма наставничества
group-pair-type = Тип пары

report-age-child = младше 14 лет
report-age-teen = 14–17 лет
report-age-adult = 18 лет и старше
report-age-unknown = не указан

programmes-started = Начаты за период
programmes-active = Идут на конец периода
programmes-completed = Завершены
programmes-ended = Прекращены досрочно

milestones-total = Пунктов плана со сроком в периоде
milestones-done = Выполнено
milestones-rate = Доля выполненных
milestones-overdue = Просрочено

survey-kind-meeting = после встречи
survey-kind-monitoring = мониторинг
survey-kind-completion = завершение программы
survey-kind-curator = от куратора

answer-texts = Текстовых ответов
answer-skipped = пропущен
name-erased = (данные удалены)

chart-participants = Участники по ролям
chart-meetings = Встречи по месяцам
chart-mentor-load = Наставляемых у наставника
chart-responses = Отклик на опросы
chart-run = № { $number }
