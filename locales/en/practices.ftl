# The best-practice collection (methodological collection): the wizard, the curator's review, /practices.

cmd-practices = Best-practice collection
practice-invite = Programme No. { $id } is complete: thank you for your work! Share a practice that worked: the curator will review it and add it to the methodological collection for other mentors to use.
btn-practice-share = Share a practice
btn-practice-not-now = Not now
practice-not-now = All right. If you want to share a practice later, use /practices.
practice-gone = This practice can no longer be changed: it has been sent to the curator or deleted. Your practices: /practices.

practice-ask-title = What is the practice called? Type its title (up to { $max } characters).
practice-now = Now: { $text }
practice-ask-form = Choose the form of mentoring the practice belongs to.
practice-ask-form-programme = Your programme's form of mentoring is "{ $form }". Choose it, or another one if the practice suits another form.
practice-ask-format = Choose the format of work.
practice-ask-format-other = Type the format of work (up to { $max } characters).
practice-ask-done = What did you do? Describe the practice so that another mentor could repeat it (up to { $max } characters).
practice-ask-results = What results did it bring? (up to { $max } characters)
practice-ask-files = Send photos or documents for the practice: several are fine, each up to { $mb } MB, { $max } in all. Attached so far: { $count }. When you have sent them all, press "Done".
practice-files-expected = I am waiting for a photo or a document here. If there are no files, press "Done".
practice-files-taken = Got it. Files of the practice: { $count }. Send more or press "Done".
practice-files-too-many = A practice can have at most { $max } files. I have not kept these ones.
btn-practice-files-done = Done
practice-text-invalid = Please type from 2 to { $max } characters.
practice-summary = Check the practice before it goes to the curator:
btn-practice-submit = Send to the curator
btn-practice-change-title = Change the title
btn-practice-change-form = Change the form
btn-practice-change-format = Change the format
btn-practice-change-done = Change the description
btn-practice-change-results = Change the results
btn-practice-change-files = Add files
practice-incomplete = Not every answer is given: the title, form, format of work, description and results are needed.
practice-submitted-you = The practice has been sent to the curator. I will tell you when it has been reviewed.

practice-submitted = <b>A practice to review</b>{ $round ->
    [1] {""}
   *[other] {" "}(corrected, submission { $round })
}
btn-practice-approve = Approve
btn-practice-changes = Ask for changes
btn-practice-decline = Decline
practice-ask-changes = Tell the author what to change (up to { $max } characters).
practice-ask-reason = Type the reason for declining; the author will see it (up to { $max } characters).
practice-approved-done = The practice "{ $title }" is approved and is now in /practices. The author has been told.
practice-changes-done = The practice "{ $title }" has gone back to its author for changes.
practice-decline-done = The practice "{ $title }" is declined. The author has been told.
practice-already-reviewed = This practice has already been reviewed, perhaps by another curator.
practice-verdict-approved = Your practice "{ $title }" is approved and added to the methodological collection. Thank you!
practice-verdict-changes_requested = The curator asks for changes to the practice "{ $title }": { $comment }
    Press "Rework", make the changes and send it again.
practice-verdict-declined = The curator declined the practice "{ $title }". The reason: { $comment }
btn-practice-rework = Rework
btn-practice-open = Open the practice

practice-status-draft = draft
practice-status-submitted = with the curator for review
practice-status-changes_requested = changes needed
practice-status-approved = approved
practice-status-declined = declined
practice-untitled = Untitled
practice-file-caption = A file of the practice "{ $title }"

practices-home = <b>The methodological collection</b>
    Approved practices: { $n }. Choose a form of mentoring or a format of work.
practices-empty = <b>The methodological collection</b>
    There are no approved practices yet. Mentors can offer one: once the curator has reviewed it, it appears here.
btn-practices-form = { $form } ({ $n })
btn-practices-formats = By format of work
btn-practices-format = { $format } ({ $n })
btn-practices-mine = My practices
btn-practices-new = Offer a practice
btn-practices-home = To the collection
practices-formats = Choose a format of work.
practices-of-form = Form "{ $form }": { $n } practices. Choose one.
practices-of-format = Format "{ $format }": { $n } practices. Choose one.
practices-mine = Your practices: { $n }.
practices-none = There is nothing here.
btn-practice-mine = { $title } — { $status }
btn-practice-files = Files ({ $n })
btn-practice-back = Back to the practice
practice-no-files = This practice has no files.
btn-practice-media = To the media plan

btn-practices-queue = Practices to review ({ $n })
btn-practices-queue-short = Practices to review
practices-queue = Practices to review: { $n }. Choose one.
practices-queue-empty = There are no practices to review.

mydata-practices = Practices for the methodological collection
mydata-practice = { $title } — { $status }; files: { $files }
media-longread-short-warning = ⚠️ The text has { $count } characters, and a longread is, by the regulation, over { $min }. Add to the text before it is published ("Edit the text").
