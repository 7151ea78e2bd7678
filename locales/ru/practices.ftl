# The best-practice collection (методическая копилка): the wizard, the curator's review, /practices.

cmd-practices = Методическая копилка: лучшие практики
practice-invite = Программа №{ $id } завершена — спасибо за работу! Поделитесь практикой, которая сработала: куратор рассмотрит её и добавит в методическую копилку, чтобы ею могли воспользоваться другие наставники.
btn-practice-share = Поделиться практикой
btn-practice-not-now = Не сейчас
practice-not-now = Хорошо. Если захотите поделиться практикой позже — команда /practices.
practice-gone = Эту практику уже нельзя изменить: она отправлена куратору или удалена. Посмотреть свои практики — /practices.

practice-ask-title = Как называется практика? Напишите название (до { $max } символов).
practice-now = Сейчас: { $text }
practice-ask-form = Выберите форму наставничества, к которой относится практика.
practice-ask-form-programme = Форма наставничества вашей программы — «{ $form }». Выберите её или другую, если практика подходит для другой формы.
practice-ask-format = Выберите формат работы.
practice-ask-format-other = Напишите, какой это формат работы (до { $max } символов).
practice-ask-done = Что вы сделали? Опишите практику так, чтобы её мог повторить другой наставник (до { $max } символов).
practice-ask-results = Каких результатов удалось добиться? (до { $max } символов)
practice-ask-files = Пришлите фото или документы к практике — можно несколько, каждый до { $mb } МБ, всего до { $max }. Уже прикреплено: { $count }. Когда всё отправите, нажмите «Готово».
practice-files-expected = Здесь я жду фото или документ. Если файлов нет, нажмите «Готово».
practice-files-taken = Принято. Файлов у практики: { $count }. Пришлите ещё или нажмите «Готово».
practice-files-too-many = У практики может быть не больше { $max } файлов. Эти файлы я не сохранил.
btn-practice-files-done = Готово
practice-text-invalid = Нужен текст от 2 до { $max } символов. Попробуйте ещё раз.
practice-summary = Проверьте практику перед отправкой куратору:
btn-practice-submit = Отправить куратору
btn-practice-change-title = Изменить название
btn-practice-change-form = Изменить форму
btn-practice-change-format = Изменить формат
btn-practice-change-done = Изменить описание
btn-practice-change-results = Изменить результаты
btn-practice-change-files = Добавить файлы
practice-incomplete = Заполнены не все ответы: нужны название, форма, формат работы, описание и результаты.
practice-submitted-you = Практика отправлена куратору. Когда куратор её рассмотрит, я сообщу.

practice-submitted = <b>Практика на проверку</b>{ $round ->
    [1] {""}
   *[other] {" "}(исправленная, { $round }-я отправка)
}
btn-practice-approve = Одобрить
btn-practice-changes = На доработку
btn-practice-decline = Отклонить
practice-ask-changes = Напишите автору, что доработать (до { $max } символов).
practice-ask-reason = Напишите причину отказа — автор её увидит (до { $max } символов).
practice-approved-done = Практика «{ $title }» одобрена и появилась в /practices. Автору сообщено.
practice-changes-done = Практика «{ $title }» возвращена автору на доработку.
practice-decline-done = Практика «{ $title }» отклонена. Автору сообщено.
practice-already-reviewed = Эту практику уже рассмотрели — возможно, другой куратор.
practice-verdict-approved = Ваша практика «{ $title }» одобрена и добавлена в методическую копилку. Спасибо!
practice-verdict-changes_requested = Куратор просит доработать практику «{ $title }»: { $comment }
    Нажмите «Доработать», исправьте и отправьте снова.
practice-verdict-declined = Практика «{ $title }» отклонена куратором. Причина: { $comment }
btn-practice-rework = Доработать
btn-practice-open = Открыть практику

practice-status-draft = черновик
practice-status-submitted = на проверке у куратора
practice-status-changes_requested = нужна доработка
practice-status-approved = одобрена
practice-status-declined = отклонена
practice-untitled = Без названия
practice-file-caption = Файл практики «{ $title }»

practices-home = <b>Методическая копилка</b>
    Одобренных практик: { $n }. Выберите форму наставничества или формат работы.
practices-empty = <b>Методическая копилка</b>
    Одобренных практик пока нет. Наставники могут предложить практику — после проверки куратором она появится здесь.
btn-practices-form = { $form } ({ $n })
btn-practices-formats = По формату работы
btn-practices-format = { $format } ({ $n })
btn-practices-mine = Мои практики
btn-practices-new = Предложить практику
btn-practices-home = К копилке
practices-formats = Выберите формат работы.
practices-of-form = Форма «{ $form }»: практик — { $n }. Выберите практику.
practices-of-format = Формат «{ $format }»: практик — { $n }. Выберите практику.
practices-mine = Ваши практики: { $n }.
practices-none = Здесь ничего нет.
btn-practice-mine = { $title } — { $status }
btn-practice-files = Файлы ({ $n })
btn-practice-back = К практике
practice-no-files = У этой практики нет файлов.
btn-practice-media = В медиаплан

btn-practices-queue = Практики на проверку ({ $n })
btn-practices-queue-short = Практики на проверку
practices-queue = Практики на проверку: { $n }. Выберите практику.
practices-queue-empty = Практик на проверку нет.

mydata-practices = Практики для методической копилки
mydata-practice = { $title } — { $status }; файлов: { $files }
media-longread-short-warning = ⚠️ В тексте { $count } символов, а лонгрид по регламенту — больше { $min }. Допишите текст перед публикацией («Изменить текст»).
