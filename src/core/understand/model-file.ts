/**
 * The trained model's file, `data/nlu/model.bin` (`npm run train` writes it): read into typed arrays
 * over the file's own bytes, with no parsing, so that start-up costs the time to read 3 MB.
 *
 * Layout, little-endian (the arrays are stored as the host lays them out, so only a little-endian
 * host, as every machine Node runs on here, writes or reads the file; another is refused):
 * - 8 bytes: the magic `CXNLU` and the format version, then a 4-byte length `n`;
 * - `n` bytes of UTF-8 JSON: `Header` (the inputs hash, the word lists, each classifier's labels and
 *   counts, and how long each of its arrays is);
 * - then each classifier's arrays in `SECTIONS` order, each starting at a multiple of 8 bytes.
 *
 * `decodeModel` checks the format and the arrays' lengths, so another format or a cut file is refused
 * with a reason; within the arrays, the classifier never reads out of bounds whatever they hold.
 */
import type { ClassifierTables } from './classifier.js';

/** The trained classifiers and the word lists, for the inputs they were trained on. */
export interface NluModel {
  /** Hash of everything training read: the corpora, the country names and the feature version. */
  inputs: string;
  /** Words of the corpus (a word outside it may be a country name the resolver does not know). */
  vocabulary: string[];
  /** Words the corpus uses more than once (the others are read by their letters too). */
  common: string[];
  intents: ClassifierTables;
  languages: ClassifierTables;
}

const MAGIC = 'CXNLU';
const VERSION = 1;
const PREFIX = 12;
const ALIGN = 8;
const CLASSIFIERS = ['intents', 'languages'] as const;
const SECTIONS = ['chars', 'starts', 'buckets', 'pairs', 'offsets'] as const;
type Section = (typeof SECTIONS)[number];

interface ClassifierHeader {
  labels: string[];
  samples: number[];
  words: number[];
  /** Two bytes a character (a feature has a character past U+00FF). */
  wide: boolean;
  /** Each section's length, in elements. */
  lengths: Record<Section, number>;
}

interface Header {
  inputs: string;
  vocabulary: string[];
  common: string[];
  intents: ClassifierHeader;
  languages: ClassifierHeader;
}

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

const padded = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/** The typed arrays are the file's bytes as they are: the host must be little-endian as the file is. */
function checkHostOrder(): void {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1)
    throw new ModelFileError('the model file is little-endian and this host is not');
}

function bytesOf(tables: ClassifierTables, section: Section): Uint8Array {
  const array = tables[section];
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** The file's bytes for a model. */
export function encodeModel(model: NluModel): Uint8Array {
  checkHostOrder();
  const headerOf = (t: ClassifierTables): ClassifierHeader => ({
    labels: t.labels,
    samples: t.samples,
    words: t.words,
    wide: t.chars instanceof Uint16Array,
    lengths: {
      chars: t.chars.length,
      starts: t.starts.length,
      buckets: t.buckets.length,
      pairs: t.pairs.length,
      offsets: t.offsets.length,
    },
  });
  const header: Header = {
    inputs: model.inputs,
    vocabulary: model.vocabulary,
    common: model.common,
    intents: headerOf(model.intents),
    languages: headerOf(model.languages),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const parts = CLASSIFIERS.flatMap((name) => SECTIONS.map((section) => bytesOf(model[name], section)));
  const size = parts.reduce((at, part) => at + padded(part.byteLength), padded(PREFIX + json.byteLength));
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode(MAGIC));
  const view = new DataView(bytes.buffer);
  view.setUint16(6, VERSION, true);
  view.setUint32(8, json.byteLength, true);
  bytes.set(json, PREFIX);
  let at = padded(PREFIX + json.byteLength);
  for (const part of parts) {
    bytes.set(part, at);
    at += padded(part.byteLength);
  }
  return bytes;
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isCounts = (v: unknown, length: number): v is number[] =>
  Array.isArray(v) && v.length === length && v.every(isCount);

function checkHeader(header: unknown): Header {
  const h = header as Partial<Header> | null;
  if (typeof h !== 'object' || h === null) throw new ModelFileError('the header is not an object');
  if (typeof h.inputs !== 'string' || !isStrings(h.vocabulary) || !isStrings(h.common))
    throw new ModelFileError('the header lacks the inputs or the word lists');
  for (const name of CLASSIFIERS) {
    const c = h[name] as Partial<ClassifierHeader> | undefined;
    if (
      typeof c !== 'object' ||
      c === null ||
      !isStrings(c.labels) ||
      c.labels.length === 0 ||
      c.labels.length > 256 ||
      !isCounts(c.samples, c.labels.length) ||
      !isCounts(c.words, c.labels.length) ||
      typeof c.wide !== 'boolean' ||
      typeof c.lengths !== 'object' ||
      c.lengths === null ||
      !SECTIONS.every((s) => isCount(c.lengths?.[s]))
    )
      throw new ModelFileError(`the header of "${name}" is malformed`);
  }
  return h as Header;
}

/**
 * Checks the shape a classifier relies on, in constant time: the arrays' lengths agree, and the
 * features and pairs end where their arrays do. Nothing is scanned (that would cost more than the
 * read): a damaged entry can only give a wrong score (the classifier bounds its probes and ignores a
 * label that does not exist), and a test checks that the committed file is the one training writes.
 */
function checkTables(name: string, t: ClassifierTables): void {
  const fail = (what: string) => {
    throw new ModelFileError(`"${name}": ${what}`);
  };
  const features = t.starts.length - 1;
  if (features < 0 || t.offsets.length !== features + 1) fail('starts and offsets do not match');
  if (t.starts[0] !== 0 || t.starts[features] !== t.chars.length) fail('starts do not cover the characters');
  if (t.offsets[0] !== 0 || t.offsets[features] !== t.pairs.length) fail('offsets do not cover the pairs');
  const size = t.buckets.length;
  if (size < 2 || (size & (size - 1)) !== 0 || size < features * 2)
    fail('buckets: not a power of two twice the features');
}

/** The model in a file's bytes; throws `ModelFileError` for anything else (another format, damage). */
export function decodeModel(bytes: Uint8Array): NluModel {
  checkHostOrder();
  if (bytes.byteLength < PREFIX || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC)
    throw new ModelFileError('not a model file');
  // Typed arrays must start at a multiple of their element size: copy the rare buffer that does not.
  const data = bytes.byteOffset % ALIGN === 0 ? bytes : bytes.slice();
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const version = view.getUint16(6, true);
  if (version !== VERSION) throw new ModelFileError(`format ${version}, expected ${VERSION}: run npm run train`);
  const length = view.getUint32(8, true);
  if (PREFIX + length > data.byteLength) throw new ModelFileError('the header runs past the end');
  let header: Header;
  try {
    header = checkHeader(JSON.parse(new TextDecoder().decode(data.subarray(PREFIX, PREFIX + length))));
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    throw new ModelFileError(`the header is not JSON (${(error as Error).message})`);
  }
  let at = padded(PREFIX + length);
  const take = <T>(count: number, size: number, make: (buffer: ArrayBufferLike, offset: number, n: number) => T): T => {
    if (at + count * size > data.byteLength) throw new ModelFileError('the file is shorter than its header says');
    const array = make(data.buffer, data.byteOffset + at, count);
    at += padded(count * size);
    return array;
  };
  const u32 = (count: number) => take(count, 4, (b, o, n) => new Uint32Array(b, o, n));
  const tablesOf = (name: (typeof CLASSIFIERS)[number]): ClassifierTables => {
    const { labels, samples, words, wide, lengths } = header[name];
    const chars = wide
      ? take(lengths.chars, 2, (b, o, n) => new Uint16Array(b, o, n))
      : take(lengths.chars, 1, (b, o, n) => new Uint8Array(b, o, n));
    const tables: ClassifierTables = {
      labels,
      samples,
      words,
      chars,
      starts: u32(lengths.starts),
      buckets: u32(lengths.buckets),
      pairs: u32(lengths.pairs),
      offsets: u32(lengths.offsets),
    };
    checkTables(name, tables);
    return tables;
  };
  const intents = tablesOf('intents');
  const languages = tablesOf('languages');
  if (at !== data.byteLength) throw new ModelFileError('the file is longer than its header says');
  return { inputs: header.inputs, vocabulary: header.vocabulary, common: header.common, intents, languages };
}
