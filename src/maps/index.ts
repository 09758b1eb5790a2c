/**
 * The `/map` renderer (issue 6): a PNG world or region map of the export list, or a locator map of one
 * country, in English or French. The bots draw on worker threads (`createMapPool`); the terminal and
 * the CLI draw in process and write a file.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Answer, Lang, MapSpec } from '../core/types.js';
import { getMapPng, type MapKnowledge, type MapOptions, mapKey, mapOptionsOf } from './render.js';

export { hasShape, resetAtlas } from './atlas.js';
export { isRegion, type LayoutOptions, type MapLayout, mapLayout, REGIONS, type Region } from './layout.js';
export { createMapPool, type MapPool, type MapPoolOptions } from './pool.js';
export {
  clearMapCache,
  getMapPng,
  MAP_COLORS,
  type MapImage,
  type MapKnowledge,
  type MapOptions,
  mapKey,
  mapOptionsOf,
  renderMapPng,
  renderMapSvg,
  statusOf,
} from './render.js';

/** The PNG of an answer's map drawn in process, on the event loop (memoized per key): `createMapPool`'s shape. */
export function createMapRenderer(kb: MapKnowledge): (spec: MapSpec, lang: Lang) => Promise<Buffer> {
  return async (spec, lang) => getMapPng(kb, mapOptionsOf(spec, lang)).png;
}

/** For the terminal: writes a map answer's PNG to the temp folder and returns its path. */
export function mapWriter(kb: MapKnowledge): (answer: Answer) => Promise<string | undefined> {
  return async (answer) => (answer.map ? writeMapFile(kb, mapOptionsOf(answer.map, answer.lang)) : undefined);
}

/** Writes the map PNG to `dir` (default: the OS temp folder) and returns the file's path. */
export async function writeMapFile(kb: MapKnowledge, options: MapOptions, dir: string = tmpdir()): Promise<string> {
  const { png } = getMapPng(kb, options);
  const name = `cyberexport-map-${mapKey(kb, options).replace(/[^A-Za-z0-9-]+/g, '_')}.png`;
  const path = join(dir, name);
  await writeFile(path, png);
  return path;
}
