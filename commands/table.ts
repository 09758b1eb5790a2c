/**
 * The command table: each command declared once, as data. Discord slash commands and Telegram bot
 * commands are both generated from it. A command fixes what is asked (`intent`); its argument goes
 * through the same understanding as a message (`/nso money` → NSO's finances).
 */

import type { CommandIntent } from '../src/core/index.js';
import { REGIME_TOPICS, REGIONS, type RegimeTopic, TOPICS } from '../src/core/vocabulary.js';

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
  /** How each choice is shown, when the table says it (rules: `/rules`). */
  choiceLabels?: ReadonlyMap<string, Localized>;
}

/** How the rules are offered in `/rules topic:` (menu labels; the facts are in data/regimes.json). */
export const RULE_LABELS: ReadonlyMap<RegimeTopic, Localized> = new Map<RegimeTopic, Localized>([
  ['us_entity_list', { en: 'US Entity List', fr: 'Entity List américaine' }],
  ['ofac_sanctions', { en: 'US Treasury (OFAC) sanctions', fr: 'Sanctions du Trésor américain (OFAC)' }],
  ['us_visa_restrictions', { en: 'US visa restrictions', fr: 'Restrictions de visa américaines' }],
  ['eo_14093', { en: 'Executive Order 14093', fr: 'Décret 14093 (EO 14093)' }],
  ['bis_intrusion_rule', { en: 'US intrusion-software rule (ACE)', fr: 'Règle américaine sur l’intrusion (ACE)' }],
  ['wassenaar', { en: 'Wassenaar Arrangement', fr: 'Arrangement de Wassenaar' }],
  ['eu_dual_use', { en: 'EU Dual-Use Regulation', fr: 'Règlement européen double usage' }],
  ['pega', { en: 'European Parliament PEGA inquiry', fr: 'Commission d’enquête PEGA' }],
  ['joint_statement', { en: 'Joint Statement on spyware', fr: 'Déclaration commune sur les logiciels espions' }],
  ['pall_mall', { en: 'Pall Mall Process', fr: 'Processus de Pall Mall' }],
  ['israel_export_control', { en: 'Israel’s export control law', fr: 'Loi israélienne sur les exportations' }],
]);

export interface CommandSpec {
  name: string;
  description: Localized;
  options: readonly CommandOption[];
  /** Other names that run it (Telegram's `/start`). */
  aliases?: readonly string[];
  /** What the command asks; its argument (the first option) says about what. */
  intent: CommandIntent | 'reset';
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
    intent: 'country_status',
  },
  {
    name: 'list',
    description: {
      en: 'The countries on the reported list',
      fr: 'Les pays de la liste révélée par la presse',
    },
    options: [],
    intent: 'list_allowed',
  },
  {
    name: 'removed',
    description: {
      en: 'Countries reported as dropped from the list',
      fr: 'Pays retirés de la liste selon la presse',
    },
    options: [],
    intent: 'list_removed',
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
    intent: 'nso',
  },
  {
    name: 'vendor',
    description: {
      en: 'Is this spyware firm listed, sanctioned or closed?',
      fr: 'Cette entreprise de logiciels espions est-elle listée, sanctionnée, fermée ?',
    },
    options: [
      {
        name: 'name',
        description: {
          en: 'Firm or product (Intellexa, Predator, Candiru…)',
          fr: 'Entreprise ou produit (Intellexa, Predator, Candiru…)',
        },
        type: 'string',
        // Without a name, the vendors known.
        required: false,
        autocomplete: true,
      },
    ],
    intent: 'vendor_status',
  },
  {
    name: 'rules',
    description: {
      en: 'A rule or process on spyware: what it does, who signed',
      fr: 'Une règle ou un processus sur les logiciels espions : portée, signataires',
    },
    options: [
      {
        name: 'topic',
        description: { en: 'Pick a rule', fr: 'Choisir une règle' },
        type: 'string',
        required: false,
        choices: REGIME_TOPICS,
        choiceLabels: RULE_LABELS,
      },
    ],
    intent: 'regime',
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
    intent: 'map',
  },
  {
    name: 'sources',
    description: { en: 'Where the facts come from', fr: 'D’où viennent les faits' },
    options: [],
    intent: 'sources',
  },
  {
    name: 'help',
    description: { en: 'What this bot can answer', fr: 'Ce que ce bot sait répondre' },
    options: [],
    aliases: ['start'],
    intent: 'help',
  },
  {
    name: 'reset',
    description: { en: 'Forget our conversation', fr: 'Oublier notre conversation' },
    options: [],
    intent: 'reset',
  },
];

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

export function findCommand(name: string): CommandSpec | undefined {
  const wanted = name.toLowerCase();
  return COMMANDS.find((c) => c.name === wanted || c.aliases?.includes(wanted));
}
