## Опросы
survey-invite = <b>{ $title }</b>
    Ответьте, пожалуйста, на несколько вопросов — это займёт пару минут. Ответы принимаются до { $until }.
survey-remind = <b>{ $title }</b>
    Напоминаем об опросе: ваши ответы ждём до { $until }.
btn-survey-start = Начать опрос
btn-survey-continue = Продолжить опрос
survey-question = <i>{ $title } · вопрос { $number } из { $total }</i>
    <b>{ $text }</b>
survey-hint-scale = Нажмите число от { $min } до { $max } или напишите его.
survey-hint-scale-labels = { $min } — { $low }, { $max } — { $high }. Нажмите число или напишите его.
survey-hint-single = Выберите один ответ.
survey-hint-multi = Отметьте всё, что подходит, и нажмите «Готово».
survey-hint-text = Напишите ответ сообщением.
survey-hint-optional = Вопрос можно пропустить.
btn-survey-ticked = ✓ { $label }
btn-survey-done = Готово
btn-survey-higher = { $from }–{ $to } →
btn-survey-lower = ← { $from }–{ $to }
survey-thanks = Спасибо! Ответы записаны.
survey-closed = Опрос уже закрыт, ответы больше не принимаются. Спасибо, что откликнулись!
survey-already-answered = Вы уже ответили на этот опрос. Спасибо!
survey-moved-on = Этот вопрос уже позади. Вот текущий:
survey-required = На этот вопрос нужно ответить, пропустить его нельзя.
survey-bad-answer = Такого ответа нет среди вариантов. Выберите кнопку.
survey-choose-some = Отметьте хотя бы один вариант, затем нажмите «Готово».
survey-type-number = Напишите число от { $min } до { $max } цифрами или нажмите кнопку.
survey-use-buttons = На этот вопрос отвечают кнопками под ним.
survey-too-long = Слишком длинный ответ: не больше { $max } символов. Сократите, пожалуйста.
mydata-surveys = Опросы
mydata-survey = { $title } — приглашение { $date }: { $status }
mydata-survey-invited = вы ещё не начали
mydata-survey-started = вы ответили не на все вопросы
mydata-survey-completed = вы ответили
mydata-survey-skipped = пропущен

## Мониторинг и отчёты
monitoring-closed = <b>Мониторинг закрыт</b> (срок — { $deadline }). Отчёт — во вложении. Ответили:
monitoring-rate = • { $title }: { $answered } из { $invited }
annual-report-due = <b>Ежегодный отчёт за { $year } год</b>
    Отчёт о числе участников наставничества нужно сдать в региональный центр наставничества до { $due }. Отчёт за год уже подготовлен — он во вложении.
btn-open-report = Отчёты
