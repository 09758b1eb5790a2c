/**
 * What names a map: the knowledge it is drawn from, the options, and the key its PNG is kept under.
 * Apart from the renderer, so that the pool (on the main thread) keys its PNGs without loading resvg,
 * d3 and the atlas, which only the map threads need.
 */

import type { Region } from '../core/vocabulary.js';
import type { Knowledge, Lang } from '../knowledge/schema.js';

export type MapKnowledge = Pick<Knowledge, 'exportList' | 'names' | 'version'>;

export interface MapOptions {
  lang: Lang;
  /** Default: world. Ignored when `focus` is set. */
  region?: Region;
  /** ISO alpha-2 code: a small locator map of that country, highlighted in its status colour. */
  focus?: string;
}

/** The key a map's PNG is kept under: data version, language, and region or country in focus. */
export function mapKey(kb: MapKnowledge, options: MapOptions): string {
  const focus = options.focus?.toUpperCase() ?? '';
  return `${kb.version}|${options.lang}|${focus ? '' : (options.region ?? 'world')}|${focus}`;
}
