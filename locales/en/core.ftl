# Phrases of the core's answers (English). Facts are not here: they come from data/.
# Variables: $name a country name, $date a date already formatted, $precision day | month | year.

## The dates line under an answer
dates-reported = reported { $date }
dates-unchanged = no change known as of { $date }
dates-checked = sources checked to { $date }
