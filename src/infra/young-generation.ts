/**
 * Start-up allocates in a burst (modules, the knowledge, the indexes), and V8 answers a burst by
 * growing its young generation, which then stays resident: about 14 MB of the memory the bot held
 * with both platforms connected was young-generation space, mostly empty. Importing this module
 * (first, in `main.ts`) keeps the young generation at its initial size; `releaseYoungGeneration()`,
 * once start-up is over, lets V8 size it by the load again (it grows when messages keep it busy).
 *
 * `--semi-space-growth-factor` is read each time V8 considers growing the space, so setting it at
 * run time takes effect; should a later V8 ignore it, the bot only holds more memory.
 */
import { setFlagsFromString } from 'node:v8';

/** V8's own default (`node --v8-options`). */
const DEFAULT_GROWTH = 2;

setFlagsFromString('--semi-space-growth-factor=1');

export function releaseYoungGeneration(): void {
  setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH}`);
}
