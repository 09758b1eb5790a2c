/**
 * Reads the committed model. Apart from `load.ts` so that the production start, which reads the
 * build's snapshot (`snapshot.ts`), loads no zod to read it.
 */
import { readFileSync } from 'node:fs';
import { decodeModel, ModelFileError, type NluModel } from '../core/understand/model-file.js';

/**
 * The committed model (`data/nlu/model.bin`), or null when it is missing or in another format. From
 * the sources the core then trains at start-up (slower), and a test says to run `npm run train`; the
 * build's snapshot has no corpus to train on, so there it is an error (`snapshot.ts`).
 */
export function readModel(dir: string): NluModel | null {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(`${dir}/nlu/model.bin`);
  } catch {
    return null;
  }
  try {
    return decodeModel(bytes);
  } catch (error) {
    if (error instanceof ModelFileError) return null;
    throw error;
  }
}
