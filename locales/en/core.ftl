# Phrases of the core's answers (English). Facts are not here: they come from data/.
# Variables: $name a country name, $flag its flag, $names a list already joined, $date a date already
# formatted, $precision day | month | year, numbers as numbers.

## The dates line under an answer
dates-reported = reported { $date }
dates-unchanged = no change known as of { $date }
dates-checked = sources checked to { $date }

## Country statuses, short (menus, autocomplete, map keys)
status-listed = on the list
status-removed = dropped from the list
status-not_listed = not on the list
status-domestic = the exporting country

## Country answers
country-removed-line = One of the { $named } countries named as dropped, with { $others }, when the list went from { $before } to { $count }.
country-removed-alone = Reporting named it among the countries dropped when the list went from { $before } to { $count }.
country-listed-line = One of the { $count } countries kept when the list was cut from { $before }.
country-not-listed-line = Not among the { $count } countries kept when the list was cut from { $before }; the { $before } were never published.
country-domestic-line = The list is about buyers; Israel itself is where the licences are issued.
country-note = Pegasus, { $date }: { $text }
countries-on = On Israel's list: { $names }
countries-off = Not on it: { $names }
countries-home = Exporter: { $names }
countries-meaning = Listed countries need no marketing licence, though each sale still needs an export licence; for the others a sale needs a licence that was reportedly almost never granted.
conflict = ⚠️ Sources disagree: { $text }
page-meaning = What the list means
page-notes = { $name } and Pegasus: what was reported
page-wider = The wider picture: rules and spyware vendors
page-list = About the list
not-advice = This is what was reported, not legal advice.

## Follow-ups on a country or on the list
why-title = { $about }: Israel never gave its reasons; this is what reporting says.
why-title-list = Why the list was cut: Israel never gave its reasons; this is what reporting says.
why-not-named = Reporting did not name { $name } among the countries dropped, nor give a reason for leaving it off the list.
since-title = { $about }: as it stood when the list was cut in { $month }, reported { $date }; no change known as of { $reviewed }.
since-title-list = The list dates from { $month }, reported { $date }; no change known as of { $reviewed }.
about-title = { $about } and Pegasus: { $count ->
    [one] one reported fact
   *[other] { $count } reported facts
}, the newest from { $date }.
about-none = The sources hold nothing about { $name } and Pegasus.

## The list
list-title = { $count } countries on Israel's list, down from { $before } (reported { $date }).
removed-title = Reporting named { $named } of the { $fewer } countries dropped: { $names }.
removed-rest = The other { $rest } were never named.

## NSO topics
topic-page = Events { $from }–{ $to } of { $count }

## Sources, maps, the rest
sources-title = Every answer comes from dated facts, each with its sources: press reports, court records, official documents and NGO investigations.
sources-intro = The main ones:
sources-of-title = Sources: { $title }
sources-none = This answer relies on no dated source.
map-title = Map of Israel's list: { $region }
map-caption = The { $count } countries on the list reported { $date } (down from { $before }), the ones named as dropped ({ $named }) and Israel, the exporter; every other country is off the list.
help-title = I answer with dated sources, in English or French: may Israeli firms sell cyber-spying tools to a country, what happened with NSO, and which rules hit spyware vendors.
help-text = • A country: “Is Morocco allowed?”, “India and Mexico?” or a flag.
    • NSO: Pegasus, the investigations, the US blacklist, the Apple or WhatsApp cases, its money, its owners, the latest.
    • Vendors and rules: “Has the US sanctioned Intellexa?”, “What is the Pall Mall Process?”
thanks-title = You're welcome.
thanks-text = Ask me anything else about the list or NSO.
reset-title = I've forgotten our conversation.
reset-text = Ask me about a country (“Is Morocco allowed?”) or about NSO.
which-title = That name fits several countries: which one?
which-text = Reply with the number, or pick one:
unknown-title = I answer two things: whether Israeli firms may sell cyber-spying tools to a country, and what happened with NSO.
unknown-text = Try: “Is Morocco allowed?”, “Which countries are on the list?”, “What happened with NSO?”
unknown-country-title = I don't know a country called “{ $word }”.
unknown-country-suggest = Did you mean { $names }?
unknown-country-hint = Try its English or French name, its ISO code or its flag.

## Names of topics and regions
topic-title-overview = NSO Group: the story in brief
topic-title-pegasus = Pegasus, the spyware
topic-title-investigations = The investigations
topic-title-export_list = Israel's export rules and the list
topic-title-us_entity_list = The US blacklisting (Entity List)
topic-title-apple_lawsuit = Apple v. NSO
topic-title-whatsapp_lawsuit = WhatsApp (Meta) v. NSO
topic-title-khashoggi = Jamal Khashoggi and Pegasus
topic-title-finances = NSO's money: debt, ratings, losses
topic-title-ownership = Who owns and runs NSO
topic-title-latest = The latest on NSO
topic-label-overview = Overview
topic-label-pegasus = Pegasus
topic-label-investigations = Investigations
topic-label-export_list = Export list
topic-label-us_entity_list = US blacklist
topic-label-apple_lawsuit = Apple lawsuit
topic-label-whatsapp_lawsuit = WhatsApp lawsuit
topic-label-khashoggi = Khashoggi
topic-label-finances = Finances
topic-label-ownership = Owners and leaders
topic-label-latest = Latest
region-world = World
region-europe = Europe
region-middle-east = Middle East and North Africa
region-americas = Americas
region-asia-pacific = Asia-Pacific
region-africa = Africa
