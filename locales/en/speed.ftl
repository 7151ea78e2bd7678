## Speed mentoring
btn-speed = Speed mentoring
btn-speed-new = New event
btn-speed-open = Open the event
btn-speed-create = Create and invite
btn-speed-all = All mentees
btn-speed-programme = One pair or group
btn-speed-csv = Roster (CSV)
btn-speed-stop = Cancel the event
btn-speed-stop-sure = Yes, cancel it
btn-speed-book = { $time } · free: { $free }
btn-speed-unbook = Cancel my booking
btn-speed-minutes = { $minutes } min
wizard-speed = a speed-mentoring event
wizard-begun-speed = You have already begun creating an event — the answers are kept. Continue from the same step or start over?
btn-wizard-speed = Continue creating the event
speed-title = <b>Speed mentoring</b>
    A one-off meeting of mentees with a guest mentor: each books a slot of their own. { $count ->
        [0] No upcoming events.
       *[other] Upcoming events — press one to see who booked:
    }
speed-ask-guest = Who is the guest? Pick a mentor from the list or type the guest's name (up to { $max } characters) if they are not in the bot.
speed-ask-when = When does the first slot begin? Type the date and time in your time zone, e.g. “25.12 18:30” or “tomorrow 15:00”.
speed-ask-place = Where is it? Type the place or a link (up to { $max } characters).
speed-ask-minutes = How many minutes is one slot? Press a button or type a number from { $low } to { $high }.
speed-ask-slots = How many slots? Press a button or type a number from 1 to { $high }.
speed-ask-capacity = How many mentees can book one slot? Press a button or type a number from 1 to { $high }.
speed-number-invalid = A whole number in digits is needed, e.g. 15.
speed-ask-audience = Whom to invite? All mentees, those who chose a form of mentoring in their questionnaire, or the mentees of one pair or group.
speed-ask-programme = Pick a pair or group — its mentees are invited.
speed-no-programmes = There are no running pairs or groups. Pick another option.
speed-error-minutes = A slot lasts from { $low } to { $high } minutes.
speed-error-slots = There can be from 1 to { $high } slots.
speed-error-capacity = A slot takes from 1 to { $high } people.
speed-error-past = That time has passed. Give a time in the future.
speed-error-nobody = Nobody to invite: no mentee fits. Choose other participants.
speed-summary = <b>Check the event</b>
    Guest: { $guest }
    Starts: { $when }
    Place: { $place }
    Slots: { $slots } of { $minutes } min, up to { $capacity } people each
    Invitations go to: { $invited } people
speed-created = The event is created; invitations sent: { $invited }. The event's page shows who booked.
speed-invite = <b>Invitation to speed mentoring</b>
    Guest: { $guest }
    Starts: { $when }
    Place: { $place }
    Slots of { $minutes } min (times in your time zone):
    { $slots }

    { $booked ->
        [1] You have booked. You may pick another slot — the booking moves — or cancel it.
       *[0] { $full ->
            [1] No places are left.
           *[0] Pick a slot that suits you — one per person.
        }
    }
speed-slot-line = { $time } — free: { $free }
speed-slot-mine = { $time } — your booking
speed-booked = You have booked the slot { $time }. I will remind you a day and an hour before.
speed-moved = Your booking moved to the slot { $time }. The old slot is free again.
speed-already = You have already booked the slot { $time }.
speed-booked-elsewhere = You have just booked this event from your other account — that booking stands.
speed-full = The slot { $time } has no places left — it was just taken. Pick another of those left:
speed-unbooked = Your booking is cancelled and the place is free. If your plans change, book again.
speed-remind-24h = Reminder: speed mentoring with { $guest } is tomorrow. Your slot is { $time } ({ $when }), place: { $place }.
speed-remind-1h = Speed mentoring with { $guest } begins in an hour. Your slot is { $time }, place: { $place }.
speed-cancelled = The speed-mentoring event with { $guest } ({ $when }) is cancelled. Your booking is withdrawn.
speed-card = <b>Speed mentoring</b>
    Guest: { $guest }
    Starts: { $when }
    Place: { $place }{ $status ->
        [cancelled] {""}
    The event is cancelled.
       *[other] {""}
    }
    Slots (times in your time zone):
    { $lines }
speed-roster-line = { $number }. { $time } — { $names } ({ $booked } of { $capacity })
speed-csv-slot = Slot
speed-csv-time = Time
speed-csv-name = Participant
speed-csv-ready = The roster: { $count } people.
speed-stop-ask = Cancel the event? Everyone booked is told.
speed-stopped = The event is cancelled. Told of it: { $count } people.
btn-speed-roster = Who has booked
speed-guest = <b>You are the guest of a speed-mentoring event</b>
    Starts: { $when }
    Place: { $place }
    Slots of { $minutes } min (times in your time zone): { $slots }
    Mentees book slots themselves; the button below shows who booked which slot.
speed-guest-24h = Tomorrow is the speed-mentoring event where you are the guest: { $when }, place: { $place }. Slots: { $slots }.
speed-guest-1h = In an hour, the speed-mentoring event where you are the guest: { $when }, place: { $place }. Slots: { $slots }.
speed-guest-cancelled = The speed-mentoring event ({ $when }) you were invited to as the guest has been cancelled.
