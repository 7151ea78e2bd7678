## Common buttons
btn-start = Start
btn-help = Help
btn-language = Language
btn-mydata = My data
btn-timezone = Time zone
btn-link = Link accounts
btn-forget = Withdraw consent
btn-stats = Statistics
btn-language-ru = Русский
btn-language-en = English

## Errors and refusals
error-internal = Something went wrong and I couldn't process your message. Nothing has changed — please try again a little later or send /help.
refusal-unregistered = Please register first: press “Start” or send /start.
refusal-finish-registration = Let's finish your registration first.
refusal-awaiting-parent = This command will become available once your parent or legal guardian gives consent. To see the code for your parent again, send /start.
refusal-curator-only = Only the curator and the director of the mentoring programme can do this.
refusal-stale-button = That button no longer works.
refusal-flow-outdated = Things changed while you were answering: the programme may have ended or the plan item may be done already. Nothing was changed — open /programme or /plan to see where things stand.
refusal-use-buttons = Please answer with a button under the message. Changed your mind? Send /cancel.
refusal-unknown = I didn't understand that. Pick a button below or send /help to see everything I can do.
cancel-nothing = There is nothing to cancel right now.
cancel-done = OK, cancelled. What next? Pick a button below.
wizard-pair = forming a pair
wizard-questionnaire = the questionnaire
wizard-paused = Not finished: { $wizards }. Your answers are kept — you can continue from the same step.
wizard-begun-pair = You have already begun forming a pair — the answers are kept. Continue from the same step or start over?
btn-wizard-pair = Continue forming the pair
btn-wizard-questionnaire = Continue the questionnaire
btn-wizard-continue = Continue
btn-wizard-again = Start over

## Start and consent
start-welcome-back = Welcome back, { $name }! How can I help? Pick a button below.
btn-consent-agree = I agree
btn-consent-decline = I do not agree
consent-declined = Understood. Without consent to personal data processing I cannot register you, so I have stored nothing about you. If you change your mind, press “Start”.
consent-thanks = Thank you, your consent is recorded.
ask-name = What is your name? Please type your first and last name.
name-invalid = I couldn't read that as a name. Please type it in letters only (spaces, hyphens, apostrophes and full stops are fine), up to { $max } { $max ->
    [one] character
   *[other] characters
}.
ask-role = What would you like to be in the mentoring programme? Pick a button below.
btn-role-mentee = A mentee
btn-role-mentor = A mentor
btn-role-both = Both
ask-age = How old are you? Pick a button below. If you are under 18, consent from your parent or legal guardian will be needed.
btn-age-child = Under 14
btn-age-teen = 14–17
btn-age-adult = 18 or over
registration-done = Done, { $name }, you are registered! Here is what you can do:
parent-needed = Next comes consent from your parent or legal guardian. Give them the code <b>{ $code }</b> and ask them to send <code>/parent { $code }</code> to this bot on Telegram or VK from their own account. The code is valid for { $days } { $days ->
    [one] day
   *[other] days
}; if no consent comes by then, I will erase your name. Until your parent consents I keep only your name and age group; your role and the questionnaire come after their consent — I will let you know as soon as they give it.

## Parent
parent-ask-code = Please type the code your child gave you: 8 characters, e.g. ABCD-EFGH.
parent-code-invalid = That code didn't work: it may contain a typo or may have expired. Ask your child to send me /start again — I will show them the current code — and send that code here. To leave, send /cancel.
parent-ask-name = Thank you! Please type your full name — it will appear in the consent.
parent-name-short = Please type at least your surname and given name — the consent needs both. For example: “Irina Kotova”.
parent-declined = Understood, consent is not given. I have erased your child's name and whatever else they gave, and let them know.
parent-thanks = Thank you! Consent is recorded: { $child } can now go on with the registration and answer the questionnaire — I have let them know.
notify-parent-declined = Your parent did not give consent to personal data processing, so I cannot register you and have erased what you gave. If your parent changes their mind, press “Start” and register again — I will give you a new code.
notify-parent-code-expired = The code for your parent has expired without their consent, so I have erased what you gave when registering. When your parent is ready, press “Start” and register again — I will give you a new code.
notify-parent-consented = Your parent gave consent! A few questionnaire questions are left — press “Continue registration”.
btn-continue-registration = Continue registration

## Language and time zone
language-choose = Choose a language.
language-set = Done, I will speak English now.
timezone-ask = Your time zone is { $current }. To change it, pick a button or send a city (e.g. “Novosibirsk”) or a UTC offset (e.g. “UTC+7”).
btn-tz-0 = Moscow (UTC+3)
btn-tz-1 = Yekaterinburg (UTC+5)
btn-tz-2 = Novosibirsk (UTC+7)
btn-tz-3 = Vladivostok (UTC+10)
timezone-invalid = I couldn't find that time zone. Send the nearest large city or an offset such as “UTC+5”. To leave, send /cancel.
timezone-set = Done, time zone: { $zone }. It is { $time } for you now — I will send reminders by this clock.

## My data and withdrawing consent
mydata-file-caption = The same data as a JSON file.
forget-confirm = Withdraw your consent to personal data processing? I will erase your name and answers, unlink your Telegram and VK accounts and stop messaging you. This cannot be undone.
btn-forget-yes = Yes, erase
btn-forget-no = No, keep
forget-cancelled = OK, nothing has changed.
forget-done = Your consent is withdrawn and your personal data erased. If you want to come back, press “Start”.

## Linking accounts
link-code = Your linking code: <b>{ $code }</b>. Send <code>/link { $code }</code> to the bot on the other platform (Telegram or VK). The code is valid for { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
}.
link-how-to-redeem = To connect this account to your profile on the other platform, get a code there with /link and send <code>/link CODE</code> here. No profile yet? Press “Start”.
link-code-invalid = That code didn't work: it may contain a typo or may have expired. Get a new one with /link on the other platform.
link-already = This account is already linked to your profile.
link-other-profile = This account is already linked to a different profile. To link it to the profile the code came from, first withdraw consent here with /forget — the data of this account's profile will be erased.
link-done = Done, { $name }: this account is now linked to your profile.

## Curator
stats = <b>Programme participants</b>
    Registered: { $active } (mentees: { $mentees }, mentors: { $mentors })
    Registering: { $registering }
    Awaiting parent's consent: { $awaiting_parent }
    Withdrew consent: { $erased }

role-granted-curator = You are now a curator. You can use /pairs (pairs and groups), /banks (the banks of mentors and mentees; “Write” on a person's card sends them a message through the bot), /stats (figures), /report (reports), /surveys (surveys), /broadcast (announcements) and /mediaplan (the media plan). All of it is in /help too.
role-granted-director = You are now the programme's director. You can use /pairs (pairs and groups), /banks (the banks of mentors and mentees; “Write” on a person's card sends them a message through the bot), /stats (figures), /report (reports), /surveys (surveys), /broadcast (announcements) and /mediaplan (the media plan). All of it is in /help too.
role-granted-finish-registration = To finish registering, send /start: you need not choose a role or fill in the questionnaire.
role-granted-finish-questionnaire = To finish registering, send /start: the questions for the role you chose are left.
stats-org = Organisation: <b>{ $name }</b>
stats-programmes = <b>Pairs and groups</b>
stats-line = { $label }: { $pairs } { $pairs ->
        [one] pair
       *[other] pairs
    }, { $groups } { $groups ->
        [one] group
       *[other] groups
    }
stats-status-proposed = Awaiting the agreement
stats-status-active = Running
stats-status-completed = Completed
stats-status-ended = Ended early
stats-status-declined = Agreement declined
stats-waiting = Mentees without a pair: { $mentees }
    Overdue plan items: { $overdue }

## My data (labels)
mydata-title = <b>What I store about you</b>
mydata-only-account = I have no consent from you to process personal data, so I store only your account id and language:
mydata-name = Name
mydata-language = Language
mydata-timezone = Time zone
mydata-age = Age group
mydata-roles = Roles
mydata-status = Status
mydata-accounts = Accounts
mydata-consents = Consents
mydata-consent-self = given by you on { $date }
mydata-consent-parent = given by a representative ({ $name }) on { $date }
mydata-consent-assent = your own assent as a minor (it does not replace your parent's consent), on { $date }
mydata-consent-withdrawn = , withdrawn on { $date }
mydata-scheduled = Scheduled messages: { $count }
mydata-none = —
age-child = under 14
age-teen = 14–17
age-adult = 18 or over
role-mentee = mentee
role-mentor = mentor
role-curator = curator
role-director = director
status-registering = registration not finished
status-awaiting_parent = awaiting parent's consent
status-active = registration complete
status-erased = data erased
platform-telegram = Telegram
platform-vk = VK
platform-console = console

## Console
console-banner = Nastavnik in the console — you are user console:{ $user }. Type messages and commands (/start, /help); type a number to press a button, or put an apostrophe before it to send the number as text: '4. “:file PATH” sends a file, “:user 2” switches user, “:quit” exits.
console-user = You are now user console:{ $user }.
console-last-buttons = Buttons of the last message:
console-user-hint = Give a user number, e.g. “:user 2”.
console-to-other = (a new message for console:{ $user } — “:user { $user }” to read it)
console-unseen = Unread messages: { $count }.
console-file-saved = File saved: { $path }
console-file-hint = File not found. To send a file: “:file PATH caption” (the caption is optional; quote a path with spaces).

## Telegram command menu
cmd-start = Register and get started
cmd-help = What the bot can do
cmd-mydata = What data is stored about you
cmd-language = Change language
cmd-timezone = Time zone for reminders
cmd-link = Link Telegram and VK accounts
cmd-forget = Withdraw consent and erase data
cmd-cancel = Cancel the current action

## Questionnaire
q-intro = A few questions for your profile — the curator will use your answers to find you a match. You can change them later with /profile.
q-requests = What would you like a mentor's help with? Describe it briefly in your own words.
q-interests = Which topics interest you? List them separated by commas, e.g.: robotics, programming, public speaking.
q-competences = What can you help mentees with? List your skills separated by commas, e.g.: Python, olympiad training, project work.
q-experience = Tell me briefly about your experience: where you studied or worked and what you do now.
q-capacity = How many mentees can you take on at once? Pick a button or type a number.
q-forms = Which forms of mentoring suit you? Tick one or more and press “Done”.
q-availability = When is it convenient for you to meet? Type it, e.g. “weekdays after 4 pm” or “Saturday afternoon”.
q-capacity-invalid = Please type a number from 1 to { $max } or pick a button.
q-text-invalid = The answer should be 2 to { $max } { $max ->
    [one] character
   *[other] characters
} long. Please try again.
q-forms-empty = Tick at least one form, then press “Done”.
btn-done = Done
form-virtual = Virtual
form-goal = Short-term (goal-setting)
form-reverse = Reverse
form-situational = Situational
form-speed = Speed
btn-profile = Profile
profile-saved = Saved.
profile-title = <b>Profile: { $name }</b>
profile-requests = Request
profile-interests = Interests
profile-competences = Skills
profile-experience = Experience
profile-capacity = Mentees at once
profile-forms = Forms of mentoring
profile-availability = Convenient time
btn-edit-requests = Edit request
btn-edit-interests = Edit interests
btn-edit-competences = Edit skills
btn-edit-experience = Edit experience
btn-edit-capacity = Edit number of mentees
btn-edit-forms = Edit forms
btn-edit-availability = Edit time
cmd-profile = Your profile: view and edit
mydata-questionnaire = Profile
parent-code-own = This code is for your parent or legal guardian — you cannot give consent for yourself. They should send <code>/parent</code> and the code to the bot from their own account.
forget-nothing = I store no personal data about you — only your account id and language. There is nothing to withdraw.
mydata-programmes = Mentoring programmes
mydata-programme = #{ $id }: { $role }, programme { $status }, { $agreement }
forget-programme = No. { $id } ({ $names })
forget-ends = { $n ->
    [one] This programme will end:
   *[other] These programmes will end:
} { $list }.
forget-leaves = { $n ->
    [one] You will leave the group
   *[other] You will leave the groups
} { $list }.
forget-nothing-running = You have no running programmes or groups now.
forget-whose = Whose consent do you want to withdraw? A consent you gave for a child as a parent or legal guardian is withdrawn separately. Pick a button below.
btn-forget-mine = My own
btn-forget-child = For my child: { $name }
forget-child-confirm = Withdraw the consent for { $name }? I will erase the child's name and answers, unlink their accounts and let them know. This cannot be undone.
forget-child-nothing-running = The child has no running programmes or groups now.
forget-child-leaves = { $n ->
    [one] The child will leave the group
   *[other] The child will leave the groups
} { $list }.
forget-child-done = The consent for { $name } is withdrawn, the child's data erased, and I have let them know.
notify-parent-withdrew = Your parent withdrew the consent to processing your personal data, so I have erased what you gave, and your part in mentoring programmes has ended. If your parent is ready to consent again, press “Start”.
mydata-consents-given = Consents you gave as a parent or legal guardian
mydata-consent-given = child: { $child }; representative: { $name }; { $date }
mydata-parent-account = You are not registered as a participant yourself: I store your account id, language and the consents you gave for a child, with your full name.
