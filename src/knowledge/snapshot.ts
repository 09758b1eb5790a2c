/**
 * The knowledge for start-up. Run from the build (`node dist/main.js`), it is the snapshot the build
 * wrote (`dist/knowledge.json`): `data/` already loaded and validated by the zod schemas, serialized
 * whole but for the trained model, read from its own binary file (`dist/data/nlu/model.bin`), and,
 * when that model is fresh, the corpus it was trained on (only training reads it). So the start
 * neither loads zod nor checks the files again. Run from the sources (tsx, the tests), there is no
 * snapshot and `data/` is loaded and validated as always (`load.ts`).
 */
import { readFileSync } from 'node:fs';
import { atRoot, BUILT } from '../paths.js';
import { readModel } from './model.js';
import type { Knowledge } from './schema.js';

export async function readKnowledge(): Promise<Knowledge> {
  if (BUILT) {
    let text: string | undefined;
    try {
      text = readFileSync(atRoot('knowledge.json'), 'utf8');
    } catch {
      // A build without its snapshot (copied by hand): validate data/ as the sources do.
    }
    if (text !== undefined) {
      const knowledge = JSON.parse(text) as Omit<Knowledge, 'nluModel'>;
      const nluModel = readModel(atRoot('data'));
      // The snapshot left the corpus out because the model was fresh: without the model there is
      // nothing to train on.
      if (!nluModel && knowledge.nlu.length === 0)
        throw new Error(`${atRoot('data/nlu/model.bin')} is missing or damaged: run npm run build again`);
      return { ...knowledge, nluModel };
    }
  }
  const { loadKnowledge } = await import('./load.js');
  return loadKnowledge();
}
