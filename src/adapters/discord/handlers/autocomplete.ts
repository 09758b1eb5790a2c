/**
 * Country suggestions while a user types `/allowed country:`: flag, name and status, best first; the
 * value is the ISO code, which the command then reads as that country. For `/vendor name:`, vendors
 * by name or alias, the value their id.
 */
import type { AutocompleteInteraction } from 'discord.js';
import { findCommand } from '../../../../commands/table.js';
import { langOfLocale, STATUS_LABEL } from '../../../core/index.js';
import type { Answers } from '../../../service/answers.js';
import { clip } from '../render.js';

export const AUTOCOMPLETE_MAX_ITEMS = 25;
export const AUTOCOMPLETE_MAX_NAME = 100;

export async function handleAutocomplete(interaction: AutocompleteInteraction, answers: Answers): Promise<undefined> {
  const lang = langOfLocale(interaction.locale);
  const typed = String(interaction.options.getFocused()).slice(0, AUTOCOMPLETE_MAX_NAME);
  if (findCommand(interaction.commandName)?.intent === 'vendor_status') {
    // Vendors by name or alias ("predator" → Intellexa); the value is the vendor's id.
    const vendors = answers.core.suggestVendors(typed, AUTOCOMPLETE_MAX_ITEMS).map((v) => ({
      name: clip(v.alias ? `${v.name} (${v.alias})` : v.name, AUTOCOMPLETE_MAX_NAME),
      value: v.id,
    }));
    await interaction.respond(vendors.slice(0, AUTOCOMPLETE_MAX_ITEMS));
    return undefined;
  }
  const choices = answers.core.suggestCountries(typed, lang, AUTOCOMPLETE_MAX_ITEMS).map((c) => ({
    name: clip(`${c.flag} ${c.name} — ${STATUS_LABEL[c.status][lang]}`, AUTOCOMPLETE_MAX_NAME),
    value: c.code,
  }));
  await interaction.respond(choices.slice(0, AUTOCOMPLETE_MAX_ITEMS));
  return undefined;
}
