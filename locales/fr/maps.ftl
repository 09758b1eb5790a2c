# Les mots dessinés sur les cartes (src/maps). $date une date déjà mise en forme, $n un nombre de
# pays, $names des noms de pays déjà joints, $by le journal qui a révélé la liste.

image-title = Pays auxquels les firmes israéliennes peuvent vendre des outils cyber offensifs
image-subtitle = Révélé le { $date } : la liste est passée de { $from } à { $to } pays. Chaque vente reste soumise à une licence d’exportation.
image-legend-listed = Sur la liste ({ $n })
image-legend-removed = Cités comme retirés ({ $n }) : { $names }
image-legend-other = Hors liste
image-legend-domestic = Israël (pays exportateur)
image-legend-small = Petit pays de la liste
image-israel = Israël
image-footer = Sources : article de { $by } et ses reprises · Frontières : Natural Earth
image-focus-footer = Liste révélée le { $date } · Frontières : Natural Earth

## Ce qu’une carte de situation dit de son pays, après le nom (sans accord : le nom peut être féminin)
image-focus-listed = Sur la liste des { $n } pays
image-focus-removed = Pas sur la liste : figure parmi les pays retirés
image-focus-not-listed = Pas sur la liste des { $n } pays
image-focus-domestic = Le pays exportateur
