# The words drawn on the map images (src/maps). $date a date already formatted, $n a number of
# countries, $names country names already joined, $by the newspaper that reported the list.

image-title = Countries Israeli firms may sell offensive cyber tools to
image-subtitle = Reported { $date }: the list was cut from { $from } to { $to } countries. Each sale still needs an export licence.
image-legend-listed = On the list ({ $n })
image-legend-removed = Named as removed ({ $n }): { $names }
image-legend-other = Not on the list
image-legend-domestic = Israel (exporting country)
image-legend-small = Small country on the list
image-israel = Israel
image-footer = Sources: { $by } report and its press reprints · Borders: Natural Earth
image-focus-footer = List reported { $date } · Borders: Natural Earth

## What a locator map says about its country, after the name
image-focus-listed = On the list of { $n } countries
image-focus-removed = Not on the list: named as removed from it
image-focus-not-listed = Not on the list of { $n } countries
image-focus-domestic = The exporting country
