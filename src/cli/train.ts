/**
 * `npm run train`: trains the classifiers on `data/nlu/` and writes `data/nlu/model.json`, which
 * start-up loads instead of training (a test fails while the committed model is stale).
 */
import { writeFileSync } from 'node:fs';
import { createCore } from '../core/index.js';
import { DATA_DIR, loadKnowledge } from '../knowledge/load.js';

const knowledge = loadKnowledge();
const started = performance.now();
const model = createCore({ ...knowledge, nluModel: null }).model();
const path = `${DATA_DIR}nlu/model.json`;
writeFileSync(path, `${JSON.stringify(model)}\n`);
process.stdout.write(`trained in ${Math.round(performance.now() - started)} ms; wrote ${path}\n`);
