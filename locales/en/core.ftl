# Phrases of the core's answers (English). Facts are not here: they come from data/.
# Variables: { $name } a country name, { $date } a date already formatted, numbers as numbers.

dates-reported = Reported { $date }
