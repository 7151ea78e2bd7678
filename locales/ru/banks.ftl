## Банки наставников и наставляемых (/banks, для куратора)
bank-home = <b>Банки наставников и наставляемых</b>
    Наставников: { $mentors }, из них со свободными местами: { $free }
    Наставляемых: { $mentees }, из них без пары: { $unmatched }
    Выберите, какой банк открыть.
btn-bank-mentors = Наставники
btn-bank-mentees = Наставляемые
btn-bank-home = К банкам

## Список
bank-mentors-title = <b>Банк наставников</b>
bank-mentees-title = <b>Банк наставляемых</b>
bank-filters = Фильтры: { $filters }
bank-found = Найдено: { $count }. Страница { $page } из { $pages }.
bank-pick = Нажмите на имя, чтобы открыть анкету. Фильтры — в сообщении выше.
bank-empty = В этом банке пока никого нет. Сюда попадают те, кто зарегистрировался в боте и заполнил анкету.
bank-empty-filtered = С такими фильтрами никого не нашлось. Сбросьте фильтры или выберите другие.
bank-no-name = Без имени
btn-bank-mentee = { $name }
btn-bank-mentor = { $name } — свободно { $free } из { $capacity }
btn-bank-mentor-no-capacity = { $name } — места не указаны
btn-bank-prev = ← Назад
btn-bank-next = Дальше →

## Фильтры
bank-controls = Фильтры: { $filters }. Нажмите на фильтр, чтобы изменить его.
bank-controls-none = Сейчас показаны все. Чтобы сузить список, выберите фильтр:
bank-filter-form = форма «{ $form }»
bank-filter-free = есть свободные места
bank-filter-unmatched = без пары
bank-form-any = любая
bank-form-choose = Выберите форму наставничества — в списке останутся те, кому она подходит.
btn-bank-form = Форма: { $form }
btn-bank-form-all = Все формы
btn-bank-only-free = Только со свободными местами
btn-bank-only-unmatched = Только без пары
btn-bank-reset = Сбросить фильтры
btn-bank-back-filters = ← К фильтрам

## Анкета человека
bank-card-roles = Роли
bank-card-age = Возрастная группа
bank-card-none = —
bank-card-places = Места: занято { $taken } из { $capacity }, свободно { $free }
bank-card-places-unknown = Места: число не указано, занято { $taken }
bank-card-programmes = Текущих программ: { $count }
bank-person-missing = Этого человека больше нет в банке: возможно, согласие отозвано или роль изменилась.
btn-bank-back = ← К списку

## Столбцы файла банков (экспорт и импорт)
csv-column-person_id = Номер
csv-column-name = Имя
csv-column-roles = Роли
csv-column-age_group = Возраст
csv-column-status = Статус
csv-column-requests = Запрос
csv-column-interests = Интересы
csv-column-competences = Компетенции
csv-column-experience = Опыт
csv-column-capacity = Сколько наставляемых
csv-column-forms = Формы наставничества
csv-column-availability = Когда удобно
