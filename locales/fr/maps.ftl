# Les mots dessinés sur les cartes (src/maps). $date une date déjà mise en forme, $n un nombre de
# pays, $names des noms de pays déjà joints, $by le journal qui a révélé la liste.

map-title = Pays auxquels les firmes israéliennes peuvent vendre des outils cyber offensifs
map-subtitle = Révélé le { $date } : la liste est passée de { $from } à { $to } pays. Chaque vente reste soumise à une licence d’exportation.
map-legend-listed = Sur la liste ({ $n })
map-legend-removed = Cités comme retirés ({ $n }) : { $names }
map-legend-other = Hors liste
map-legend-domestic = Israël (pays exportateur)
map-legend-small = Petit pays de la liste
map-israel = Israël
map-footer = Sources : article de { $by } et ses reprises · Frontières : Natural Earth
map-focus-footer = Liste révélée le { $date } · Frontières : Natural Earth

## Ce qu’une carte de situation dit de son pays, après le nom (sans accord : le nom peut être féminin)
map-focus-listed = Sur la liste des { $n } pays
map-focus-removed = Pas sur la liste : figure parmi les pays retirés
map-focus-not-listed = Pas sur la liste des { $n } pays
map-focus-domestic = Le pays exportateur
