# Phrases des réponses sur les vendeurs de logiciels espions et les règles du secteur (français).
# Les faits n’y sont pas : ils viennent de data/vendors.json et data/regimes.json.
# Variables : $date une date déjà mise en forme, $until de même, $kind un type de mesure, $vendor le nom
# d’un vendeur, $regime le nom d’une règle, $name le nom d’un pays, $names une liste déjà jointe, $count un nombre.

## Ce qu’est une mesure
measure-kind = { $kind ->
    [entity_list] Entity List américaine
    [ofac_sanctions] sanctions du Trésor américain (OFAC)
    [visa_restrictions] restrictions de visa américaines
    [prosecution] procédure pénale
    [licence_revoked] licence d’exportation révoquée
    [closure] fermeture
    [contract_suspended] contrat public américain suspendu
   *[other] mesure
}
measure-active = • { $kind } : depuis { $date }
measure-lifted = • { $kind } : { $date } – { $until } (levée)
measure-detail = • { $date }{ $until ->
    [none] {""}
   *[other] {" "}– { $until }
} · { $kind } : { $text }
vendors-title = Vendeurs de logiciels espions connus du bot
vendors-hint = Demandez-en un, par ex. « Intellexa a-t-elle été sanctionnée ? » ou /vendor candiru.
vendor-no-measure = • Aucune inscription, sanction ou autre mesure américaine contre elle trouvée dans les sources.
vendor-nothing-in-country = • Les sources ne disent rien de { $vendor } dans ce pays : { $name }.
vendor-in-country = { $vendor } – { $name }
vendor-others = • Aussi demandé : { $line }
not-found-heading = Introuvable dans les sources :
confidence-low = (fiabilité faible : une seule source secondaire)

## Règles et processus
regimes-title = Règles et processus sur les logiciels espions commerciaux connus du bot
regimes-list = { $names }
regimes-hint = Demandez-en un, par ex. « c’est quoi le processus de Pall Mall ? » ou /rules pall_mall.
regime-binds = • { $text }
regime-vendors = • Vendeurs inscrits ou visés : { $names }
regime-named = • Pays cités par les sources comme participants : { $names }
regime-named-count = • { $count } pays cités par les sources comme participants (voir Plus).
regime-country = { $name } — { $role } ({ $date })
regime-country-unknown = { $name } — les sources ne disent pas si ce pays participe : { $regime }.
regime-vendor-active = { $vendor } — { $kind } depuis { $date } : { $rule }
regime-vendor-lifted = { $vendor } — { $kind } du { $date } au { $until } : { $rule }
regime-vendor-none = { $vendor } — aucune mesure au titre de : { $regime }, dans les sources.
regime-members-heading = Pays cités par les sources :
regime-group = • { $date } : { $names } — { $role }

## Deux lignes pour la réponse sur un pays
landscape-takes-part = Participe à : { $names }
landscape-not-part = Ne participerait pas à : { $names }
landscape-vendors = Entreprises de logiciels espions basées ici et visées par des mesures : { $names }
landscape-event = { $name }, { $date } : { $text }
landscape-item = { $name } ({ $date })
