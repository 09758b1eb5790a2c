/**
 * The knowledge for start-up. Run from the build (`node dist/main.js`), it is the snapshot the build
 * wrote (`dist/knowledge.json`): `data/` already loaded and validated by the zod schemas, serialized
 * whole, so the start neither loads zod nor checks the files again. Run from the sources (tsx, the
 * tests), there is no snapshot and `data/` is loaded and validated as always (`load.ts`).
 */
import { readFileSync } from 'node:fs';
import type { Knowledge } from './schema.js';

/** Where the build writes the snapshot: the root of `dist/`, two folders above `dist/src/knowledge/`. */
export const SNAPSHOT = new URL('../../knowledge.json', import.meta.url);

/** Only a compiled module has a snapshot beside it: from `src/`, the same path would be the repository's root. */
const COMPILED = import.meta.url.endsWith('.js');

export async function readKnowledge(): Promise<Knowledge> {
  if (COMPILED) {
    let text: string | undefined;
    try {
      text = readFileSync(SNAPSHOT, 'utf8');
    } catch {
      // A build without its snapshot (copied by hand): validate data/ as the sources do.
    }
    if (text !== undefined) return JSON.parse(text) as Knowledge;
  }
  const { loadKnowledge } = await import('./load.js');
  return loadKnowledge();
}
