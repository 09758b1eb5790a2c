/**
 * Reads and validates `data/` once at start-up. Bad data stops start-up with an error that names the
 * file and the field.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { FEATURES_VERSION } from '../core/understand/features.js';
import { isLabel } from '../core/understand/labels.js';
import { atRoot } from '../paths.js';
import { loadCountryNames } from './country-names.js';
import { checkLandscape, Regimes, Vendors } from './landscape.js';
import { readModel } from './model.js';
import {
  Aliases,
  AmbiguousNames,
  CountryNotes,
  ExportList,
  type Knowledge,
  NluCorpus,
  type Source,
  SourcePolicy,
  STATUS_PLACEHOLDERS,
  Summaries,
  Timeline,
  type Topic,
} from './schema.js';
import { cleanUrl, hostIn, hostOf } from './sources.js';

export const DATA_DIR = atRoot('data/');

export class DataError extends Error {
  override name = 'DataError';
}

function readJson<S extends z.ZodType>(
  dir: string,
  file: string,
  schema: S,
  ...hashes: ReturnType<typeof createHash>[]
): z.infer<S> {
  const path = `${dir}/${file}`;
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataError(`${path}: cannot read the file (${(error as Error).message})`);
  }
  for (const hash of hashes) hash.update(file).update(raw);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new DataError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues
      .slice(0, 5)
      .map((issue) => `  field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new DataError(`${path}: invalid data\n${problems.join('\n')}`);
  }
  return result.data;
}

/**
 * The bottom lines, checked beyond their schema: a topic has one line at most, and a line uses no
 * placeholder the answer does not fill (a status line: flag, name, month; a topic line: none).
 */
function readSummaries(dir: string, hash: ReturnType<typeof createHash>): Knowledge['summaries'] {
  const file = `${dir}/summaries.json`;
  const { status, topics } = readJson(dir, 'summaries.json', Summaries, hash);
  const allowed: ReadonlySet<string> = new Set(STATUS_PLACEHOLDERS);
  const checkPlaceholders = (field: string, text: string, ok: ReadonlySet<string>) => {
    for (const [placeholder] of text.matchAll(/\{[^{}]*\}/g))
      if (!ok.has(placeholder)) throw new DataError(`${file}: field ${field}: unknown placeholder ${placeholder}`);
  };
  for (const [key, line] of Object.entries(status))
    for (const [lang, text] of Object.entries(line.text))
      checkPlaceholders(`status.${key}.text.${lang}`, text, allowed);
  const seen = new Set<Topic>();
  for (const [i, line] of topics.entries()) {
    if (seen.has(line.topic)) throw new DataError(`${file}: field topics.${i}.topic: "${line.topic}" has two lines`);
    for (const [lang, text] of Object.entries(line.text))
      checkPlaceholders(`topics.${i}.text.${lang}`, text, new Set());
    seen.add(line.topic);
  }
  return { status, topics };
}

/** Loads every data file from `dir` (default: the repository's `data/`) and checks how they fit together. */
export function loadKnowledge(dir: string = DATA_DIR): Knowledge {
  const hash = createHash('sha256');
  const sourcePolicy = readJson(dir, 'sources.json', SourcePolicy, hash);
  const exportList = readJson(dir, 'export-list.json', ExportList, hash);
  const { events, reviewedOn: timelineReviewedOn } = readJson(dir, 'timeline.json', Timeline, hash);
  const { notes } = readJson(dir, 'country-notes.json', CountryNotes, hash);
  const summaries = readSummaries(dir, hash);
  // Every source URL loses its tracking parameters, and no source may come from a denied host.
  const vet = (file: string, field: string, items: { sources: Source[] }[], key?: string) => {
    for (const [i, item] of items.entries()) {
      for (const [j, source] of item.sources.entries()) {
        source.url = cleanUrl(source.url, sourcePolicy.trackingParams);
        if (hostIn(hostOf(source.url), sourcePolicy.denyHosts))
          throw new DataError(
            `${dir}/${file}: field ${field}.${key ?? i}.sources.${j}.url: host ${hostOf(source.url)} is denied`,
          );
      }
    }
  };
  vet('export-list.json', 'statements', exportList.statements);
  vet('export-list.json', 'conflicts', exportList.conflicts);
  vet('timeline.json', 'events', events);
  vet('country-notes.json', 'notes', notes);
  for (const [status, line] of Object.entries(summaries.status)) vet('summaries.json', 'status', [line], status);
  vet('summaries.json', 'topics', summaries.topics);
  // Training reads the corpora and the country names: the model is current only for these inputs.
  const inputs = createHash('sha256').update(FEATURES_VERSION);
  const { aliases } = readJson(dir, 'aliases.json', Aliases, hash, inputs);
  const { names: ambiguous } = readJson(dir, 'ambiguous-names.json', AmbiguousNames, hash, inputs);
  const nlu = (['en', 'fr'] as const).map((lang) => {
    const corpus = readJson(dir, `nlu/${lang}.json`, NluCorpus, hash, inputs);
    if (corpus.lang !== lang) throw new DataError(`${dir}/nlu/${lang}.json: field lang: expected "${lang}"`);
    for (const label of Object.keys(corpus.examples))
      if (!isLabel(label)) throw new DataError(`${dir}/nlu/${lang}.json: field examples.${label}: not a label`);
    return corpus;
  });
  const nluModel = readModel(dir);
  const names = loadCountryNames();
  const unknownCode = (file: string, field: string, code: string) => {
    if (!names[code])
      throw new DataError(`${dir}/${file}: field ${field}: "${code}" is not an ISO 3166-1 alpha-2 code`);
  };
  for (const [i, code] of exportList.listed.entries()) unknownCode('export-list.json', `listed.${i}`, code);
  for (const [i, code] of exportList.removed.entries()) unknownCode('export-list.json', `removed.${i}`, code);
  for (const [i, e] of events.entries())
    for (const c of e.countries) unknownCode('timeline.json', `events.${i}.countries`, c);
  for (const [i, n] of notes.entries()) unknownCode('country-notes.json', `notes.${i}.country`, n.country);
  for (const code of Object.keys(aliases)) unknownCode('aliases.json', `aliases.${code}`, code);
  for (const [name, codes] of Object.entries(ambiguous))
    for (const code of codes) unknownCode('ambiguous-names.json', `names.${name}`, code);
  const ids = new Set<string>();
  for (const [i, e] of events.entries()) {
    if (ids.has(e.id)) throw new DataError(`${dir}/timeline.json: field events.${i}.id: "${e.id}" is used twice`);
    ids.add(e.id);
  }
  // The wider landscape (vendors, rules and regimes): data/vendors.json, data/regimes.json.
  const vendors = readJson(dir, 'vendors.json', Vendors, hash);
  // Training reads the vendors' names (a vendor is one placeholder word to the classifier).
  inputs.update(JSON.stringify(vendors.vendors.map((v) => [v.id, v.name, v.aliases])));
  const regimes = readJson(dir, 'regimes.json', Regimes, hash);
  for (const vendor of vendors.vendors) {
    vet('vendors.json', `vendors.${vendor.id}.measures`, vendor.measures);
    vet('vendors.json', `vendors.${vendor.id}.events`, vendor.events);
  }
  for (const regime of regimes.regimes) {
    vet('regimes.json', `regimes.${regime.id}.groups`, regime.groups);
    vet('regimes.json', `regimes.${regime.id}.events`, regime.events);
  }
  const landscapeProblems = checkLandscape(vendors, regimes, (code) => !!names[code]);
  if (landscapeProblems.length > 0)
    throw new DataError(`${dir}: vendors.json / regimes.json\n  ${landscapeProblems.join('\n  ')}`);
  const nluInputs = inputs.digest('hex').slice(0, 16);
  return {
    exportList,
    events,
    timelineReviewedOn,
    notes,
    summaries,
    aliases,
    ambiguous,
    nlu,
    nluInputs,
    nluModel,
    names,
    sourcePolicy,
    vendors,
    regimes,
    version: hash.digest('hex').slice(0, 12),
  };
}
