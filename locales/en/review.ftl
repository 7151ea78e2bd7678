## Programme and plan: refusals and notices added in review
ms-date-after-end = The programme runs until { $date }, so a plan item must fit within it. Type { $date } or an earlier date, or extend the programme first: /programme → “Extend the term”.
request-extend-pending = A proposal to extend the term is already waiting for the members' answer. You can send a new one once it has been answered.
request-accepted-waiting = Thank you, your answer has been recorded. The change takes effect once every member agrees.
programme-ended-withdrawn = The programme “{ $names }” has ended: one of its members withdrew consent to the processing of personal data. The curator will find another option.
programme-member-left = One of the mentees withdrew consent to the processing of personal data and has left the group “{ $names }”. The programme goes on.
# Whom a notice names once that person has withdrawn consent and their data is erased.
person-erased = data deleted
reason-erased = erased along with the participant's personal data
programme-term-ended = The term of the programme “{ $names }” ends today ({ $date }). If the plan is done, the mentor can complete the programme; if more time is needed, propose an extension with the “Extend the term” button in /programme.
programme-reason-expired = I waited too long for an answer, so nothing has changed. If you still need this, open /programme and press the button again.
