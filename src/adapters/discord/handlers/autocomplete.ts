/**
 * Country suggestions while a user types `/allowed country:`: flag, name and status, best first; the
 * value is the ISO code, which the command then reads as that country.
 */
import type { AutocompleteInteraction } from 'discord.js';
import { langOfLocale, STATUS_LABEL } from '../../../core/index.js';
import type { Answers } from '../../../service/answers.js';
import { clip } from '../render.js';

export const AUTOCOMPLETE_MAX_ITEMS = 25;
export const AUTOCOMPLETE_MAX_NAME = 100;

export async function handleAutocomplete(interaction: AutocompleteInteraction, answers: Answers): Promise<undefined> {
  const lang = langOfLocale(interaction.locale);
  const typed = String(interaction.options.getFocused()).slice(0, AUTOCOMPLETE_MAX_NAME);
  const choices = answers.core.suggestCountries(typed, lang, AUTOCOMPLETE_MAX_ITEMS).map((c) => ({
    name: clip(`${c.flag} ${c.name} — ${STATUS_LABEL[c.status][lang]}`, AUTOCOMPLETE_MAX_NAME),
    value: c.code,
  }));
  await interaction.respond(choices.slice(0, AUTOCOMPLETE_MAX_ITEMS));
  return undefined;
}
