/**
 * Discord slash commands, generated from the shared command table (`commands/table.ts`): the table says
 * what each command is, this file only says how Discord spells it.
 */
import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { COMMANDS, type CommandOption, type CommandSpec, type Localized } from '../../../commands/table.js';
import { REGION_LABEL, TOPIC_LABEL } from '../../core/index.js';
import { t } from '../../i18n/index.js';
import type { Region, Topic } from '../../knowledge/schema.js';

/** The option every command gets: reply so only the caller sees it. */
export const HIDE_OPTION = 'hide';

const HIDE_DESCRIPTION: Localized = { en: t('en', 'option-hide'), fr: t('fr', 'option-hide') };

/** Discord's limits on command payloads. */
export const COMMAND_LIMITS = { name: 32, description: 100, options: 25, choices: 25, choiceName: 100 } as const;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function describe(description: Localized) {
  return {
    description: clip(description.en, COMMAND_LIMITS.description),
    description_localizations: { fr: clip(description.fr, COMMAND_LIMITS.description) },
  };
}

/** The shown name of a choice: as the table says (`/rules`), an NSO topic (`/nso`) or a map region (`/map`). */
function choiceLabel(option: CommandOption, value: string): Localized {
  return (
    option.choiceLabels?.get(value) ??
    TOPIC_LABEL[value as Topic] ??
    REGION_LABEL[value as Region] ?? { en: value, fr: value }
  );
}

function toOption(option: CommandOption): APIApplicationCommandOption {
  const base = { name: option.name, ...describe(option.description), required: option.required };
  if (option.type === 'boolean') return { ...base, type: ApplicationCommandOptionType.Boolean };
  if (option.choices) {
    return {
      ...base,
      type: ApplicationCommandOptionType.String,
      choices: option.choices.slice(0, COMMAND_LIMITS.choices).map((value) => {
        const label = choiceLabel(option, value);
        return {
          name: clip(label.en, COMMAND_LIMITS.choiceName),
          name_localizations: { fr: clip(label.fr, COMMAND_LIMITS.choiceName) },
          value,
        };
      }),
    };
  }
  return { ...base, type: ApplicationCommandOptionType.String, autocomplete: option.autocomplete === true };
}

/** The JSON body Discord expects for one command: its table options, then `hide`. */
export function toDiscordCommand(spec: CommandSpec): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: spec.name,
    ...describe(spec.description),
    options: [
      ...spec.options.map(toOption),
      {
        type: ApplicationCommandOptionType.Boolean,
        name: HIDE_OPTION,
        ...describe(HIDE_DESCRIPTION),
        required: false,
      },
    ],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  };
}

/** Every slash command, ready for `PUT /applications/:app/commands`. */
export function discordCommands(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return COMMANDS.map(toDiscordCommand);
}
