# Phrases des réponses du cœur (français). Les faits n’y sont pas : ils viennent de data/.
# Variables : $name un nom de pays, $flag son drapeau, $names une liste déjà jointe, $date une date déjà mise
# en forme, $precision day | month | year, les nombres comme nombres. Aucun accord sur $name : le genre et le
# nombre des noms de pays ne sont pas dans les données.

## La ligne des dates sous une réponse
dates-reported = { $precision ->
    [day] rapporté le { $date }
   *[other] rapporté en { $date }
}
dates-unchanged = { $precision ->
    [day] aucun changement connu au { $date }
   *[other] aucun changement connu en { $date }
}
dates-checked = { $precision ->
    [day] sources vérifiées jusqu’au { $date }
   *[other] sources vérifiées jusqu’en { $date }
}

## Statuts des pays, en bref (menus, autocomplétion, légendes)
status-listed = sur la liste
status-removed = plus sur la liste
status-not_listed = pas sur la liste
status-domestic = le pays exportateur

## Réponses sur un pays
country-removed-line = Un des { $named } pays cités comme retirés, avec { $others }, quand la liste est passée de { $before } à { $count }.
country-removed-alone = Un des pays que la presse a cités comme retirés quand la liste est passée de { $before } à { $count } pays.
country-listed-line = Un des { $count } pays conservés quand la liste est passée de { $before } à { $count } pays.
country-not-listed-line = Pas parmi les { $count } pays conservés quand la liste est passée de { $before } à { $count } ; les { $before } n’ont jamais été publiés.
country-domestic-line = La liste concerne les acheteurs ; c’est en Israël que les licences sont délivrées.
country-note = Pegasus, { $date } : { $text }
countries-on = Sur la liste d’Israël : { $names }
countries-off = Pas sur la liste : { $names }
countries-home = Pays exportateur : { $names }
countries-meaning = Pour les pays de la liste, pas de licence de commercialisation, mais chaque vente reste soumise à une licence d’exportation ; pour les autres, une vente exige une licence qui, selon la presse, n’était presque jamais accordée.
conflict = ⚠️ Les sources divergent : { $text }
page-meaning = Ce que signifie la liste
page-notes = { $name } et Pegasus : ce qui a été rapporté
page-wider = Le tableau d’ensemble : règles et éditeurs de logiciels espions
page-list = À propos de la liste
not-advice = Ceci rapporte ce qui a été publié ; ce n’est pas un avis juridique.

## Questions de suite sur un pays ou sur la liste
why-title = { $about } : Israël n’a jamais donné ses raisons ; voici ce qu’en dit la presse.
why-title-list = Pourquoi la liste a été réduite : Israël n’a jamais donné ses raisons ; voici ce qu’en dit la presse.
why-not-named = { $name } : aucune mention parmi les pays retirés dans la presse, ni de raison à son absence de la liste.
since-title = { $about } : situation à la réduction de la liste, en { $month }, rapportée le { $date } ; aucun changement connu en { $reviewed }.
since-title-list = La liste date de { $month }, rapportée le { $date } ; aucun changement connu en { $reviewed }.
about-title = { $about } et Pegasus : { $count ->
    [one] un fait rapporté
   *[other] { $count } faits rapportés
}, le plus récent de { $date }.
about-none = Les sources ne disent rien de { $name } et de Pegasus.

## La liste
list-title = { $count } pays sur la liste d’Israël, contre { $before } auparavant (rapporté le { $date }).
removed-title = La presse n’a nommé que { $named } des { $fewer } pays retirés : { $names }.
removed-rest = Les { $rest } autres n’ont jamais été nommés.

## Sujets NSO
topic-page = Événements { $from } à { $to } sur { $count }

## Sources, cartes, le reste
sources-title = Chaque réponse vient de faits datés, chacun avec ses sources : articles de presse, décisions de justice, documents officiels et enquêtes d’ONG.
sources-intro = Les principales :
sources-of-title = Sources : { $title }
sources-none = Cette réponse ne s’appuie sur aucune source datée.
map-title = Carte de la liste d’Israël : { $region }
map-caption = Les { $count } pays de la liste rapportée le { $date } (contre { $before } auparavant), ceux cités comme retirés ({ $named }) et Israël, le pays exportateur ; tous les autres pays sont hors liste.
help-title = Je réponds avec des sources datées, en français ou en anglais : les entreprises israéliennes peuvent-elles vendre des outils d’espionnage informatique à un pays, que s’est-il passé avec NSO, et quelles règles visent les éditeurs de logiciels espions.
help-text = • Un pays : « Le Maroc est-il autorisé ? », « Inde et Mexique ? » ou un drapeau.
    • NSO : Pegasus, les enquêtes, la liste noire américaine, les procès Apple ou WhatsApp, son argent, ses propriétaires, les dernières nouvelles.
    • Éditeurs et règles : « Les États-Unis ont-ils sanctionné Intellexa ? », « C’est quoi le processus de Pall Mall ? »
thanks-title = Avec plaisir.
thanks-text = Posez-moi une autre question sur la liste ou sur NSO.
reset-title = J’ai oublié notre conversation.
reset-text = Demandez-moi un pays (« Le Maroc est-il autorisé ? ») ou parlez-moi de NSO.
which-title = Ce nom correspond à plusieurs pays : lequel ?
which-text = Répondez par le numéro, ou choisissez :
unknown-title = Je réponds à deux questions : les entreprises israéliennes peuvent-elles vendre des outils d’espionnage informatique à un pays, et que s’est-il passé avec NSO ?
unknown-text = Essayez : « Le Maroc est-il autorisé ? », « Quels pays sont sur la liste ? », « Que s’est-il passé avec NSO ? »
unknown-country-title = Je ne connais pas de pays nommé « { $word } ».
unknown-country-suggest = Vouliez-vous dire { $names } ?
unknown-country-hint = Essayez son nom en français ou en anglais, son code ISO ou son drapeau.

## Noms des sujets et des régions
topic-title-overview = NSO Group : l’histoire en bref
topic-title-pegasus = Pegasus, le logiciel espion
topic-title-investigations = Les enquêtes
topic-title-export_list = Les règles d’exportation israéliennes et la liste
topic-title-us_entity_list = La liste noire américaine (Entity List)
topic-title-apple_lawsuit = Apple contre NSO
topic-title-whatsapp_lawsuit = WhatsApp (Meta) contre NSO
topic-title-khashoggi = Jamal Khashoggi et Pegasus
topic-title-finances = L’argent de NSO : dette, notes, pertes
topic-title-ownership = Qui possède et dirige NSO
topic-title-latest = Les dernières nouvelles de NSO
topic-label-overview = Vue d’ensemble
topic-label-pegasus = Pegasus
topic-label-investigations = Enquêtes
topic-label-export_list = Liste d’exportation
topic-label-us_entity_list = Liste noire américaine
topic-label-apple_lawsuit = Procès Apple
topic-label-whatsapp_lawsuit = Procès WhatsApp
topic-label-khashoggi = Khashoggi
topic-label-finances = Finances
topic-label-ownership = Propriétaires et dirigeants
topic-label-latest = Dernières nouvelles
region-world = Monde
region-europe = Europe
region-middle-east = Moyen-Orient et Afrique du Nord
region-americas = Amériques
region-asia-pacific = Asie-Pacifique
region-africa = Afrique
