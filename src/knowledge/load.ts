/**
 * Reads and validates `data/` once at start-up. Bad data stops start-up with an error that names the
 * file and the field.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { loadCountryNames } from './country-names.js';
import { Aliases, CountryNotes, ExportList, type Knowledge, Timeline } from './schema.js';

export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

export class DataError extends Error {
  override name = 'DataError';
}

function readJson<S extends z.ZodType>(
  dir: string,
  file: string,
  schema: S,
  hash: ReturnType<typeof createHash>,
): z.infer<S> {
  const path = `${dir}/${file}`;
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataError(`${path}: cannot read the file (${(error as Error).message})`);
  }
  hash.update(file).update(raw);
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

/** Loads every data file from `dir` (default: the repository's `data/`) and checks how they fit together. */
export function loadKnowledge(dir: string = DATA_DIR): Knowledge {
  const hash = createHash('sha256');
  const exportList = readJson(dir, 'export-list.json', ExportList, hash);
  const { events } = readJson(dir, 'timeline.json', Timeline, hash);
  const { notes } = readJson(dir, 'country-notes.json', CountryNotes, hash);
  const { aliases } = readJson(dir, 'aliases.json', Aliases, hash);
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
  const ids = new Set<string>();
  for (const [i, e] of events.entries()) {
    if (ids.has(e.id)) throw new DataError(`${dir}/timeline.json: field events.${i}.id: "${e.id}" is used twice`);
    ids.add(e.id);
  }
  return { exportList, events, notes, aliases, names, version: hash.digest('hex').slice(0, 12) };
}
