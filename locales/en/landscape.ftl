# Phrases of the answers about spyware vendors and the rules on the trade (English).
# Facts are not here: they come from data/vendors.json and data/regimes.json.
# Variables: $date a date already formatted, $until likewise, $kind a measure kind, $vendor a vendor's
# name, $regime a rule's name, $name a country's name, $names a list already joined, $count a number.

## What a measure is
measure-kind = { $kind ->
    [entity_list] US Entity List
    [ofac_sanctions] US Treasury (OFAC) sanctions
    [visa_restrictions] US visa restrictions
    [prosecution] criminal case
    [licence_revoked] export licence revoked
    [closure] closed down
    [contract_suspended] US government contract paused
   *[other] measure
}
measure-active = • { $kind }: since { $date }
measure-lifted = • { $kind }: { $date } – { $until } (lifted)
measure-detail = • { $date }{ $until ->
    [none] {""}
   *[other] {" "}– { $until }
} · { $kind }: { $text }
vendors-title = Spyware vendors the bot knows
vendors-hint = Ask about one, e.g. “has Intellexa been sanctioned?” or /vendor candiru.
vendor-no-measure = • No US listing, sanctions or other measure against it found in the sources.
vendor-nothing-in-country = • The sources say nothing about { $vendor } in { $name }.
vendor-in-country = { $vendor } in { $name }
vendor-others = • Also asked: { $line }
not-found-heading = Not found in the sources:
confidence-low = (low confidence: one secondary source)

## Rules and processes
regimes-title = Rules and processes on commercial spyware the bot knows
regimes-list = { $names }
regimes-hint = Ask about one, e.g. “what is the Pall Mall Process?” or /rules pall_mall.
regime-binds = • { $text }
regime-vendors = • Vendors it lists or was applied to: { $names }
regime-named = • Named in the sources as taking part: { $names }
regime-named-count = • { $count } countries named in the sources as taking part (see More).
regime-country = { $name } — { $role } ({ $date })
regime-country-unknown = { $name } — the sources do not say whether it takes part in the { $regime }.
regime-vendor-active = { $vendor } — { $kind } since { $date }: { $rule }
regime-vendor-lifted = { $vendor } — { $kind } from { $date } until { $until }: { $rule }
regime-vendor-none = { $vendor } — no { $regime } measure against it in the sources.
regime-members-heading = Countries the sources name:
regime-group = • { $date }: { $names } — { $role }

## Two lines a country answer can add
landscape-takes-part = Takes part in: { $names }
landscape-not-part = Reported as not in: { $names }
landscape-vendors = Spyware firms based here facing measures: { $names }
landscape-event = { $name }, { $date }: { $text }
landscape-item = { $name } ({ $date })
