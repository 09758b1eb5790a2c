# Phrases of the adapters (Telegram, Discord, the terminal): buttons, notices, help, the frame
# around an answer. Answers themselves come from the core (core.ftl) and data/.

## Buttons (src/adapters/actions.ts decides which an answer gets)
button-sources = Sources
button-more = More
button-map = Map
button-other-language = Français
button-previous = ◀
button-next = ▶
button-back = ◀ Short answer

## Questions offered under an out-of-scope reply
suggest-country = Is Morocco allowed?
suggest-list = Which countries are on the list?
suggest-nso = What happened with NSO?

## The frame around an answer
# $page and $count are numbers: the page shown and how many there are.
sources-label = Sources:
page-of = Page { $page } of { $count }
sources-rest = Sources not shown under the answer:
sources-all-shown = All the sources of this answer are linked under it.
sources-more = …and { $count } more.

## Notices
notice-error = Sorry, something went wrong while answering. Please try again in a moment.
notice-expired = This button has expired: please ask again.
notice-rate-limited = You are asking faster than I can keep up with. Please wait a minute and ask again.
# $command the command's name, $option its argument, $example an example of it.
notice-usage = Usage: /{ $command } <{ $option }>, for example /{ $command } { $example }
notice-map-sent = The map of this answer is already in the chat.

## Help: the commands, inline mode, the hide option
help-commands = Commands:
help-example = e.g. { $example }
help-example-allowed = Morocco
help-example-nso = whatsapp
help-example-map = europe
help-example-vendor = Candiru
help-example-rules = Wassenaar
help-inline = In any chat, type @{ $bot } and a question (@{ $bot } Morocco) to share an answer there.
help-hide = Add hide:True to a command and only you see the answer.
help-buttons = Under an answer: More for the details, Sources for the links, Français for French.

## Telegram: the bot's profile, inline mode
telegram-description = I answer, with dated sources, whether Israeli firms may sell offensive cyber tools (such as NSO’s Pegasus) to a country, and what happened with NSO Group. Ask “Is Morocco allowed?” or send a flag. English and French.
telegram-short-description = Israel’s cyber export list and the NSO / Pegasus story, with dated sources.
inline-open-chat = Ask me in a private chat

## Option of every Discord command
option-hide = Only you see the reply

## The terminal chat
console-greeting = cyberexport-bot: ask “Is Morocco allowed?”, “What happened with NSO?”, /help; type “more” after an answer for the details. Ctrl+D quits.
console-map = Map: { $path }

## Placeholders of command arguments (in usage notices)
option-country = country
