# Phrases des adaptateurs (Telegram, Discord, le terminal) : boutons, avis, aide, le cadre autour
# d’une réponse. Les réponses elles-mêmes viennent du cœur (core.ftl) et de data/.

## Boutons (src/adapters/actions.ts décide lesquels une réponse reçoit)
button-sources = Sources
button-more = Plus
button-map = Carte
button-other-language = English
button-previous = ◀
button-next = ▶
button-back = ◀ Réponse courte

## Questions proposées sous une réponse hors sujet
suggest-country = Le Maroc est-il autorisé ?
suggest-list = Quels pays sont sur la liste ?
suggest-nso = Que s’est-il passé avec NSO ?

## Le cadre autour d’une réponse
# $page et $count sont des nombres : la page montrée et combien il y en a.
sources-label = Sources :
page-of = Page { $page } sur { $count }
sources-rest = Sources non montrées sous la réponse :
sources-all-shown = Toutes les sources de cette réponse sont en lien sous elle.
sources-more = …et { $count } de plus.

## Avis
notice-error = Désolé, un problème est survenu pendant la réponse. Réessayez dans un instant.
notice-expired = Ce bouton a expiré : reposez la question.
notice-rate-limited = Vous posez des questions plus vite que je ne peux suivre. Attendez une minute, puis reposez votre question.
# $command le nom de la commande, $option son argument, $example un exemple.
notice-usage = Utilisation : /{ $command } <{ $option }>, par exemple /{ $command } { $example }
notice-map-sent = La carte de cette réponse est déjà dans la discussion.

## Aide : les commandes, le mode inline, l’option hide
help-commands = Commandes :
help-example = ex. { $example }
help-example-allowed = Maroc
help-example-nso = whatsapp
help-example-map = europe
help-example-vendor = Candiru
help-example-rules = Wassenaar
help-inline = Dans n’importe quelle discussion, tapez @{ $bot } et une question (@{ $bot } Maroc) pour y partager une réponse.
help-hide = Ajoutez hide:True à une commande pour être seul à voir la réponse.
help-buttons = Sous une réponse : Plus pour le détail, Sources pour les liens, English pour l’anglais.

## Telegram : le profil du bot, le mode inline
telegram-description = Je dis, sources datées à l’appui, si les entreprises israéliennes peuvent vendre des cyberarmes offensives (comme Pegasus de NSO) à un pays, et ce qui est arrivé à NSO Group. Demandez « Le Maroc est-il autorisé ? » ou envoyez un drapeau. En français et en anglais.
telegram-short-description = La liste israélienne d’exportation de cyberarmes et l’affaire NSO / Pegasus, sources datées.
inline-open-chat = Me poser la question en privé

## Option de chaque commande Discord
option-hide = Vous seul voyez la réponse

## Le chat du terminal
console-greeting = cyberexport-bot : demandez « Le Maroc est-il autorisé ? », « Que s’est-il passé avec NSO ? », /help ; tapez « plus » après une réponse pour le détail. Ctrl+D pour quitter.
console-map = Carte : { $path }

## Noms des arguments de commande (dans les avis d’utilisation)
option-country = pays
