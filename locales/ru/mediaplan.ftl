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
media-event-added = Событие «{ $title }» ({ $when }) в медиаплане. За { $days } дн. до него пришлю черновик пресс-релиза на одобрение, а после — попрошу фото для пост-релиза.
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
