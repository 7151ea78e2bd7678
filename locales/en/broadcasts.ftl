## The curator's announcements: sending, progress and the report; the switch in the settings
btn-broadcast = Announcement
cmd-broadcast = Send an announcement to participants
wizard-broadcast = an announcement
wizard-begun-broadcast = You have already started an announcement — everything is saved. Continue from the same step or start over?
btn-wizard-broadcast = Continue the announcement
broadcast-ask-text = Write the announcement (up to { $limit } characters). You may attach one photo or one document to the same message.
broadcast-text-invalid = The announcement must not be empty or longer than { $limit } characters. Please write it again (or /cancel).
broadcast-one-file = An announcement can carry only one file. Send the text again with one photo or document.
broadcast-ask-audience = Whom should the announcement go to?
btn-broadcast-all = Everyone
btn-broadcast-mentors = Mentors
btn-broadcast-mentees = Mentees
btn-broadcast-parents = Parents of minors
btn-broadcast-form = By form
btn-broadcast-pair_type = By pair type
btn-broadcast-programme = One pair or group
btn-broadcast-survey = Who did not answer a survey
broadcast-ask-form = Participants of which form of mentoring?
broadcast-ask-pair_type = Which pair type?
broadcast-ask-programme = Which pair or group?
broadcast-ask-survey = Those who did not answer which survey?
broadcast-no-pair_type = There are no active pairs or groups now. Please choose another option.
broadcast-no-programme = There are no active pairs or groups now. Please choose another option.
broadcast-no-survey = You have not sent any surveys yet. Please choose another option.
broadcast-audience-parents = parents of minor participants
broadcast-audience-survey = those who did not answer survey no. { $id }
broadcast-preview = <b>Announcement</b> — { $audience }.
    Recipients: { $telegram } on Telegram, { $vk } on VK{ $other ->
        [0] {""}
       *[other] , { $other } in the console
    }.
    { $skipped ->
        [0] Nobody has switched announcements off.
        [one] { $skipped } person skipped: they switched announcements off.
       *[other] { $skipped } people skipped: they switched announcements off.
    }{ $file ->
        [1] {" "}A file is attached.
       *[other] {""}
    }
    Text:
broadcast-confirm = Send it? The list of recipients is fixed at the moment you send.
btn-broadcast-send = Send
btn-broadcast-back = Another audience
broadcast-nobody = Nobody to send to: this audience is empty (or everyone switched announcements off). Please choose another.
broadcast-started = <b>Announcement no. { $id } is being sent</b>
    Delivered: { $sent }, queued: { $pending }, not delivered: { $failed }, skipped: { $skipped }.
    The figures in this message update themselves as it goes.
broadcast-card = <b>Announcement no. { $id }</b> — { $status }
    Delivered: { $sent }, queued: { $pending }, not delivered: { $failed }, skipped: { $skipped }.
broadcast-status-sending = sending
broadcast-status-paused = paused
broadcast-status-cancelled = cancelled
broadcast-status-done = sent
btn-broadcast-open = Refresh
btn-broadcast-pause = Pause
btn-broadcast-resume = Resume
btn-broadcast-cancel = Cancel sending
btn-broadcast-csv = Not reached (file)
broadcast-cannot-pause = This broadcast cannot be paused: it is no longer sending.
broadcast-cannot-resume = This broadcast cannot be resumed: it is not paused.
broadcast-cannot-cancel = This broadcast can no longer be cancelled: it is over.
broadcast-report = <b>Announcement no. { $id } sent</b>
    Delivered: { $sent }, not delivered: { $failed }, skipped (announcements off): { $skipped }.
broadcast-csv = Not reached: { $count }.
broadcast-csv-address = Account
broadcast-csv-name = Name
broadcast-csv-status = Status
broadcast-csv-reason = Reason
btn-announcements-on = Announcements: on
btn-announcements-off = Announcements: off
btn-broadcast-stop = 🔕 No more announcements
announcements-on = The curator's announcements are on — you will receive them.
announcements-off = The curator's announcements are off. You can switch them back on here, in the settings.
