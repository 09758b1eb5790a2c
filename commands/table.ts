/**
 * The command table: each command declared once, as data. Discord slash commands and Telegram bot
 * commands are both generated from it, and both dispatch through `toRequest`.
 */

import type { Request } from '../src/core/types.js';
import { REGIONS, TOPICS, type Topic } from '../src/knowledge/schema.js';

export interface Localized {
  en: string;
  fr: string;
}

export interface CommandOption {
  name: string;
  description: Localized;
  type: 'string' | 'boolean';
  required: boolean;
  /** Discord offers live suggestions (countries). */
  autocomplete?: boolean;
  /** A fixed set of values (NSO topics). */
  choices?: readonly string[];
}

export interface CommandSpec {
  name: string;
  description: Localized;
  options: readonly CommandOption[];
  /** Other names that run it (Telegram's `/start`). */
  aliases?: readonly string[];
  /** Turns the parsed arguments into a core request; `text` is the raw argument text on Telegram. */
  toRequest(args: Record<string, string | undefined>): Request;
}

/** Maps a free word to a topic (Telegram `/nso whatsapp`); undefined when it is not one. */
export function parseTopic(value: string | undefined): Topic | undefined {
  if (!value) return undefined;
  const wanted = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return TOPICS.find((t) => t === wanted || t.startsWith(wanted) || t.split('_')[0] === wanted);
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'allowed',
    description: {
      en: 'May Israeli firms sell cyber tools to this country?',
      fr: 'Les entreprises israéliennes peuvent-elles vendre des cyberoutils à ce pays ?',
    },
    options: [
      {
        name: 'country',
        description: { en: 'Country name, code or flag', fr: 'Nom, code ou drapeau du pays' },
        type: 'string',
        required: true,
        autocomplete: true,
      },
    ],
    toRequest: (args) => ({ intent: 'country_status', country: args.country ?? '' }),
  },
  {
    name: 'list',
    description: {
      en: 'The countries on the reported list',
      fr: 'Les pays de la liste révélée par la presse',
    },
    options: [],
    toRequest: () => ({ intent: 'list_allowed' }),
  },
  {
    name: 'removed',
    description: {
      en: 'Countries reported as dropped from the list',
      fr: 'Pays retirés de la liste selon la presse',
    },
    options: [],
    toRequest: () => ({ intent: 'list_removed' }),
  },
  {
    name: 'nso',
    description: {
      en: 'What happened with NSO Group and Pegasus',
      fr: 'Ce qui est arrivé à NSO Group et Pegasus',
    },
    options: [
      {
        name: 'topic',
        description: { en: 'Pick a topic', fr: 'Choisir un sujet' },
        type: 'string',
        required: false,
        choices: TOPICS,
      },
    ],
    toRequest: (args) => ({ intent: 'nso', topic: parseTopic(args.topic) }),
  },
  {
    name: 'map',
    description: {
      en: 'A map of the countries on the list',
      fr: 'Une carte des pays de la liste',
    },
    options: [
      {
        name: 'region',
        description: { en: 'Zoom on a region', fr: 'Zoomer sur une région' },
        type: 'string',
        required: false,
        choices: REGIONS,
      },
    ],
    // A region, or else a country for its locator map ("/map Morocco" on Telegram).
    toRequest: (args) => {
      const value = args.region?.trim();
      if (!value) return { intent: 'map' };
      const region = REGIONS.find((r) => r === value.toLowerCase().replace(/\s+/g, '-'));
      return region ? { intent: 'map', region } : { intent: 'map', country: value };
    },
  },
  {
    name: 'sources',
    description: { en: 'Where the facts come from', fr: 'D’où viennent les faits' },
    options: [],
    toRequest: () => ({ intent: 'sources' }),
  },
  {
    name: 'help',
    description: { en: 'What this bot can answer', fr: 'Ce que ce bot sait répondre' },
    options: [],
    aliases: ['start'],
    toRequest: () => ({ intent: 'help' }),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  const wanted = name.toLowerCase();
  return COMMANDS.find((c) => c.name === wanted || c.aliases?.includes(wanted));
}

/** A typed command: its name, the bot it is addressed to (`/nso@my_bot`), the rest of the line. */
export interface TypedCommand {
  name: string;
  botName: string | undefined;
  rest: string;
  /** The command it names, when it is one of ours. */
  spec: CommandSpec | undefined;
}

/** Reads "/name[@bot] rest" with Telegram's rules for names; undefined when the text is no command. */
export function readCommand(text: string): TypedCommand | undefined {
  const m = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?=\s|$)/.exec(text.trim());
  if (!m) return undefined;
  const name = (m[1] as string).toLowerCase();
  return { name, botName: m[2], rest: text.trim().slice(m[0].length).trim(), spec: findCommand(name) };
}

/** The arguments of a command typed as text: the rest of the line fills its first option. */
export function argsOf(spec: CommandSpec, rest: string): Record<string, string | undefined> {
  const first = spec.options[0];
  return first ? { [first.name]: rest || undefined } : {};
}
