# The words drawn on the map images (src/maps). $date a date already formatted, $n a number of
# countries, $names country names already joined, $by the newspaper that reported the list.

map-title = Countries Israeli firms may sell offensive cyber tools to
map-subtitle = Reported { $date }: the list was cut from { $from } to { $to } countries. Each sale still needs an export licence.
map-legend-listed = On the list ({ $n })
map-legend-removed = Named as removed ({ $n }): { $names }
map-legend-other = Not on the list
map-legend-domestic = Israel (exporting country)
map-legend-small = Small country on the list
map-israel = Israel
map-footer = Sources: { $by } report and its press reprints · Borders: Natural Earth
map-focus-footer = List reported { $date } · Borders: Natural Earth

## What a locator map says about its country, after the name
map-focus-listed = On the list of { $n } countries
map-focus-removed = Not on the list: named as removed from it
map-focus-not-listed = Not on the list of { $n } countries
map-focus-domestic = The exporting country
