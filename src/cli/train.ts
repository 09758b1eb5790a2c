/**
 * `npm run train`: trains the classifiers on `data/nlu/` and writes `data/nlu/model.bin`
 * (`model-file.ts`), which start-up reads instead of training (a test fails while the committed
 * model is stale).
 */
import { writeFileSync } from 'node:fs';
import { createCore } from '../core/index.js';
import { encodeModel } from '../core/understand/model-file.js';
import { DATA_DIR, loadKnowledge } from '../knowledge/load.js';

const knowledge = loadKnowledge();
const started = performance.now();
const model = createCore({ ...knowledge, nluModel: null }).model();
const path = `${DATA_DIR}nlu/model.bin`;
writeFileSync(path, encodeModel(model));
process.stdout.write(`trained in ${Math.round(performance.now() - started)} ms; wrote ${path}\n`);
