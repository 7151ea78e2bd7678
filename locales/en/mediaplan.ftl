## Media plan
btn-media-plan = 📰 Media plan
btn-media-post = { $kind }: { $when }
btn-media-event = ➕ Event
btn-media-open = Open the post
btn-media-approve = ✅ Approve
btn-media-hold = ⏸ Hold
btn-media-edit = ✏️ Edit the text
btn-media-move = 🕒 Another time
btn-media-photos = 📷 Photos and a few words
btn-media-cancel = ✖️ Cancel the post
btn-media-done = Done
media-plan-heading = <b>The VK community's media plan</b>
    Events ahead:
media-plan-event = • { $title } — { $when }
media-plan-no-events = No events yet. Add one, and the bot drafts its press release itself.
media-plan-no-posts = No posts in progress. The bot puts the weekly digest together itself.
media-kind-press-release = Press release
media-kind-post-release = Post-release
media-kind-digest = Digest
media-kind-album = Photo album
media-kind-playlist = Playlist
media-kind-longread = Longread
media-status-draft = draft
media-status-approved = approved
media-status-publishing = being published
media-status-scheduled = scheduled on VK
media-status-published = published
media-status-failed = not published
media-status-cancelled = cancelled
media-card = <b>{ $kind }</b> · { $status }
    Goes out: { $when }. Photos: { $photos }.
media-card-failure = Reason: { $failure }
media-ask-text = Send the post's new text in one message (up to { $max } characters). After an edit the post needs approving again.
media-ask-time = When should the post go out? For example: “5 December 15:00” or “tomorrow at 10”.
media-ask-photos = Send photos and a few words on how it went, in one or several messages (photos up to { $mb } MB). Then press Done.
media-photos-taken = Added. Photos in this message: { $photos }. Send more or press Done.
media-photos-invalid = Send a photo (up to { $mb } MB) or a few words of text.
media-text-invalid = The text is empty or longer than { $max } characters. Please send another.
media-time-past = That time has passed. Give a time ahead.
media-ask-title = What is the event called? (up to { $max } characters)
media-ask-event-time = When does it start? For example: “12 December 16:00”.
media-ask-place = Where does it take place?
media-ask-about = In short: what is it about, who is welcome? (up to { $max } characters)
media-event-added = “{ $title }” ({ $when }) is in the media plan. { $days ->
        [one] One day
       *[other] { $days } days
    } before it I will send a draft press release to approve, and afterwards ask for photos for the post-release.
media-notice = { $head }

    { $text }
media-draft = 📝 A draft is ready: <b>{ $kind }</b>. Look it over and approve it: it does not go out unapproved.
media-photos-wanted = 📷 How did the event go? Send photos and a few words for the post-release. The draft:
media-digest = 🗓 The week's <b>{ $kind }</b> goes out tomorrow by itself; hold or edit it if need be.
media-slot-moved = 🕒 VK did not take the time of the post “{ $kind }” (the slot is taken or 50 posts a day are reached). The post moved an hour later.
media-failed = ⚠️ The post “{ $kind }” was not published: { $failure }
media-by-hand = 📋 <b>{ $kind }</b> is ready, but the bot cannot publish it: VK_USER_TOKEN (a community admin's key) is not set. Publish it in the community by hand: the text is below, the photos follow.
media-photo = A photo for the post
media-quiet = ⏰ Nothing has been published in the VK community for almost a week, and the regulation asks for an update at least weekly. Approve a post from the media plan or add your own by tomorrow.
btn-media-item = ➕ Post
media-ask-kind = What kind of post?
media-ask-item = Send the post's text in one message (up to { $max } characters). Photos can be added on the post's card.
media-ask-longread = Send the longread's text in one message: over { $min } characters (up to { $max }).
media-longread-short = A longread is a text over { $min } characters. Please write more and send it whole.
media-no-token = VK_USER_TOKEN is not set; the post went to the curators to publish by hand
btn-media-published = ✅ Published
btn-media-history = 📜 History
media-by-hand-done = Once it is out, press Published: the post counts towards the community's weekly update.
media-history-heading = <b>The post's history</b>
media-history-earlier = …and earlier: { $count }
media-history-line = { $when } — { $action } ({ $who })
media-history-bot = the bot
media-change-drafted = drafted
media-change-approved = approved
media-change-held = held
media-change-cancelled = cancelled
media-change-edited = text edited
media-change-moved = moved
media-change-photo = photo added
media-change-scheduled = sent to VK, scheduled
media-change-published = published
media-change-slot-moved = VK refused the slot, moved
media-change-failed = not published
media-change-by-hand = handed to the curators to publish by hand
media-change-done-by-hand = published by hand
media-channel-failed = ⚠️ The post “{ $kind }” did not reach the Telegram channel: { $failure }
media-channel-not-admin = the bot may not post in the channel (TELEGRAM_CHANNEL_ID). Make the bot an administrator of the channel with the right to post messages and check the channel's address; the next posts will go there by themselves.
media-card-channel-sending = Telegram channel: being sent
media-card-channel-sent = Telegram channel: published
media-card-channel-failed = Telegram channel: not published — { $failure }
media-change-channel = published in the Telegram channel
media-change-channel-failed = did not reach the Telegram channel
btn-media-events = 📅 Events
btn-media-event-open = { $title } · { $when }
btn-media-event-title = ✏️ Title
btn-media-event-when = 🕒 Date and time
btn-media-event-place = 📍 Place
btn-media-event-about = 📝 Description
btn-media-event-cancel = ✖️ Cancel the event
btn-media-event-confirm = Yes, cancel the event
media-events-heading = <b>Events ahead</b>: pick one to change or cancel it.
media-event-card = <b>{ $title }</b>
    When: { $when }
    Where: { $place }
    { $about }
media-event-post = { $kind } ({ $when }): { $status }
media-event-cancel-ask = Cancel “{ $title }”? Its posts not yet published will be cancelled; those already published stay in the community.
media-event-cancelled = “{ $title }” is cancelled.
media-event-changed = The event is changed.
media-event-post-moved = • { $kind }: moved to { $when }, a draft again: approve it.
media-event-post-redrafted = • { $kind }: the draft is updated: approve it again.
media-event-post-cancelled = • { $kind }: cancelled.
media-event-post-out = • { $kind }: already { $status }, left as it is; if need be, correct it in the community by hand.
media-event-post-own-text = { " " }You wrote its text yourself: check it is still right.
media-change-event-changed = event changed, the post a draft again
media-change-event-cancelled = event cancelled
media-album-empty = The photo album has no photos yet: add them with “📷 Photos and a few words”, then approve the post.
