## Banks of mentors and mentees (/banks, for the curator)
bank-home = <b>Banks of mentors and mentees</b>
    Mentors: { $mentors }, with free places: { $free }
    Mentees: { $mentees }, without a pair: { $unmatched }
    Choose a bank to open.
btn-bank-mentors = Mentors
btn-bank-mentees = Mentees
btn-bank-home = To the banks

## The list
bank-mentors-title = <b>Bank of mentors</b>
bank-mentees-title = <b>Bank of mentees</b>
bank-filters = Filters: { $filters }
bank-found = Found: { $count }. Page { $page } of { $pages }.
bank-pick = Press a name to open the profile. Filters are in the message above.
bank-empty = This bank is empty so far. People appear here once they have registered with the bot and filled in the questionnaire.
bank-empty-filtered = Nobody matches these filters. Clear them or choose others.
bank-no-name = No name
btn-bank-mentee = { $name }
btn-bank-mentor = { $name } — { $free } of { $capacity } free
btn-bank-mentor-no-capacity = { $name } — places not given
btn-bank-prev = ← Back
btn-bank-next = Next →

## Filters
bank-controls = Filters: { $filters }. Press a filter to change it.
bank-controls-none = Showing everyone. To narrow the list down, choose a filter:
bank-filter-form = form “{ $form }”
bank-filter-free = has free places
bank-filter-unmatched = without a pair
bank-form-any = any
bank-form-choose = Choose a form of mentoring — the list will keep only those it suits.
btn-bank-form = Form: { $form }
btn-bank-form-all = All forms
btn-bank-only-free = Only with free places
btn-bank-only-unmatched = Only without a pair
btn-bank-reset = Clear filters
btn-bank-back-filters = ← Back to filters

## A person's card
bank-card-roles = Roles
bank-card-age = Age group
bank-card-none = —
bank-card-places = Places: { $taken } of { $capacity } taken, { $free } free
bank-card-places-unknown = Places: number not given, { $taken } taken
bank-card-programmes = Current programmes: { $count }
bank-person-missing = This person is no longer in the bank: their consent may have been withdrawn or their role changed.
btn-bank-back = ← Back to the list

## Columns of the banks file (export and import): the English titles are the column codes
csv-column-person_id = person_id
csv-column-name = name
csv-column-roles = roles
csv-column-age_group = age_group
csv-column-status = status
csv-column-requests = requests
csv-column-interests = interests
csv-column-competences = competences
csv-column-experience = experience
csv-column-capacity = capacity
csv-column-forms = forms
csv-column-availability = availability
