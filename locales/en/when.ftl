# A meeting's date and time, typed (bot/core/when.py)
when-not-understood = I didn't understand that date and time. Type, for example, “tomorrow 3pm”, “Fri 18:30”, “25.12 18:30” or “in 2 hours”.
when-no-time = At what time? Type the date together with the time, e.g. “{ $typed } 15:00”.
when-no-such-time = There is no such time: hours go from 0 to 23 and minutes from 00 to 59. Type, for example, “15:00”, “9:30” or “6pm”.
when-past = That time has already passed: it is { $now } where you are. Type a time in the future, e.g. “tomorrow 3pm”.
when-dst-gap = On that day ({ $date }) the clocks in your time zone go forward, and { $time } never happens. Pick another time, e.g. an hour later.
when-dst-fold = On that day ({ $date }) the clocks in your time zone go back, and { $time } happens twice. So that the meeting is not an hour off, pick another time, e.g. an hour later.
