## Медиаплан
btn-media-plan = 📰 Медиаплан
btn-media-post = { $kind }: { $when }
btn-media-event = ➕ Событие
btn-media-open = Открыть пост
btn-media-approve = ✅ Одобрить
btn-media-hold = ⏸ Придержать
btn-media-edit = ✏️ Изменить текст
btn-media-move = 🕒 Другое время
btn-media-photos = 📷 Фото и пара слов
btn-media-cancel = ✖️ Отменить пост
btn-media-done = Готово
media-plan-heading = <b>Медиаплан группы ВКонтакте</b>
    Ближайшие события:
media-plan-event = • { $title } — { $when }
media-plan-no-events = Событий пока нет. Добавьте событие — пресс-релиз к нему бот подготовит сам.
media-plan-no-posts = Постов в работе нет. Дайджест недели бот соберёт сам.
media-kind-press-release = Пресс-релиз
media-kind-post-release = Пост-релиз
media-kind-digest = Дайджест
media-kind-album = Фотоальбом
media-kind-playlist = Плейлист
media-kind-longread = Лонгрид
media-status-draft = черновик
media-status-approved = одобрен
media-status-publishing = публикуется
media-status-scheduled = ждёт публикации во ВКонтакте
media-status-published = опубликован
media-status-failed = не опубликован
media-status-cancelled = отменён
media-card = <b>{ $kind }</b> · { $status }
    Выход: { $when }. Фото: { $photos }.
media-card-failure = Причина: { $failure }
media-ask-text = Пришлите новый текст поста одним сообщением (до { $max } символов). После правки пост снова нужно одобрить.
media-ask-time = Когда опубликовать пост? Например: «5 декабря 15:00» или «завтра в 10».
media-ask-photos = Пришлите фотографии и несколько слов о том, как всё прошло, — можно в нескольких сообщениях (фото до { $mb } МБ). Потом нажмите «Готово».
media-photos-taken = Добавлено. Фото в этом сообщении: { $photos }. Пришлите ещё или нажмите «Готово».
media-photos-invalid = Пришлите фотографию (до { $mb } МБ) или несколько слов текстом.
media-text-invalid = Текст пустой или длиннее { $max } символов. Пришлите, пожалуйста, другой.
media-time-past = Это время уже прошло. Укажите время в будущем.
media-ask-title = Как называется событие? (до { $max } символов)
media-ask-event-time = Когда оно начнётся? Например: «12 декабря 16:00».
media-ask-place = Где оно пройдёт?
media-ask-about = Коротко: о чём событие, кого ждём? (до { $max } символов)
media-event-added = Событие «{ $title }» ({ $when }) в медиаплане. За { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    } до него пришлю черновик пресс-релиза на одобрение, а после — попрошу фото для пост-релиза.
media-notice = { $head }

    { $text }
media-draft = 📝 Готов черновик: <b>{ $kind }</b>. Посмотрите и одобрите — без одобрения он не выйдет.
media-photos-wanted = 📷 Как прошло событие? Пришлите фото и пару слов — добавлю их в пост-релиз. Черновик:
media-digest = 🗓 Завтра выйдет <b>{ $kind }</b> недели. Он опубликуется сам; если нужно, придержите или поправьте его.
media-slot-moved = 🕒 ВКонтакте не принял время для поста «{ $kind }» (время занято или исчерпан лимит 50 постов в сутки). Пост перенесён на час позже.
media-failed = ⚠️ Пост «{ $kind }» не опубликован: { $failure }
media-by-hand = 📋 <b>{ $kind }</b> готов, но опубликовать его бот не может: не задан VK_USER_TOKEN (ключ администратора сообщества). Опубликуйте пост в группе вручную — текст ниже, фото следом.
media-photo = Фото к посту
media-quiet = ⏰ В группе ВКонтакте почти неделю ничего не публиковалось, а по положению информация обновляется не реже раза в неделю. Одобрите пост из медиаплана или добавьте свой до завтра.
btn-media-item = ➕ Пост
media-ask-kind = Какой пост подготовить?
media-ask-item = Пришлите текст поста одним сообщением (до { $max } символов). Фото можно будет добавить на карточке поста.
media-ask-longread = Пришлите текст лонгрида одним сообщением: больше { $min } символов (до { $max }).
media-longread-short = Лонгрид — это текст больше { $min } символов. Допишите, пожалуйста, и пришлите целиком.
media-no-token = не задан VK_USER_TOKEN, пост отправлен кураторам для публикации вручную
btn-media-published = ✅ Опубликовано
btn-media-history = 📜 История
media-by-hand-done = Когда опубликуете, нажмите «Опубликовано» — пост засчитается в еженедельное обновление группы.
media-history-heading = <b>История поста</b>
media-history-earlier = …и ещё раньше: { $count }
media-history-line = { $when } — { $action } ({ $who })
media-history-bot = бот
media-change-drafted = черновик создан
media-change-approved = одобрен
media-change-held = придержан
media-change-cancelled = отменён
media-change-edited = текст изменён
media-change-moved = перенесён
media-change-photo = добавлено фото
media-change-scheduled = отправлен во ВКонтакте с отложенной публикацией
media-change-published = опубликован
media-change-slot-moved = ВКонтакте не принял время, пост перенесён
media-change-failed = не опубликован
media-change-by-hand = отправлен кураторам для публикации вручную
media-change-done-by-hand = опубликован вручную
media-channel-failed = ⚠️ Пост «{ $kind }» не попал в Telegram-канал: { $failure }
media-channel-not-admin = бот не может писать в канал (TELEGRAM_CHANNEL_ID). Добавьте бота в администраторы канала с правом публиковать сообщения и проверьте адрес канала; следующие посты придут туда сами.
media-card-channel-sending = Telegram-канал: отправляется
media-card-channel-sent = Telegram-канал: опубликован
media-card-channel-failed = Telegram-канал: не опубликован — { $failure }
media-change-channel = опубликован в Telegram-канале
media-change-channel-failed = не попал в Telegram-канал
btn-media-events = 📅 События
btn-media-event-open = { $title } · { $when }
btn-media-event-title = ✏️ Название
btn-media-event-when = 🕒 Дата и время
btn-media-event-place = 📍 Место
btn-media-event-about = 📝 Описание
btn-media-event-cancel = ✖️ Отменить событие
btn-media-event-confirm = Да, отменить событие
media-events-heading = <b>События впереди</b> — выберите, чтобы изменить или отменить.
media-event-card = <b>{ $title }</b>
    Когда: { $when }
    Где: { $place }
    { $about }
media-event-post = { $kind } ({ $when }): { $status }
media-event-cancel-ask = Отменить событие «{ $title }»? Его неопубликованные посты будут отменены; уже опубликованные останутся в группе.
media-event-cancelled = Событие «{ $title }» отменено.
media-event-changed = Событие изменено.
media-event-post-moved = • { $kind }: перенесён на { $when }, снова черновик — одобрите его.
media-event-post-redrafted = • { $kind }: черновик обновлён — одобрите его снова.
media-event-post-cancelled = • { $kind }: отменён.
media-event-post-out = • { $kind }: уже { $status } — остаётся как есть; если нужно, поправьте его в группе вручную.
media-event-post-own-text = { " " }Текст вы писали сами — проверьте, не устарел ли он.
media-change-event-changed = событие изменено, пост снова черновик
media-change-event-cancelled = событие отменено
media-album-empty = В фотоальбоме пока нет фото: добавьте их кнопкой «📷 Фото и пара слов», потом одобрите пост.
