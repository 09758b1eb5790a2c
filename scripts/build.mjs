/**
 * `npm run build`: the production build in `dist/`, run by plain node with no TypeScript at run time.
 *
 * - `dist/main.js` (`node dist/main.js`), `dist/deploy-discord.js`, the map thread's
 *   `dist/worker.js`, and `dist/core.js` and `dist/knowledge.js` for the benchmarks: bundles of the sources (esbuild), split into shared chunks that sit beside
 *   them at the root of `dist/`; what a mode does not use is a chunk loaded only when needed. The
 *   small libraries on the start path (`BUNDLED`) are bundled in: NLP.js's stemmers alone are twenty
 *   CommonJS files, 40 ms of start-up read one by one. Every other package is left to node_modules.
 * - `data/` and `locales/` copied beside them: a module finds its files from the root (`src/paths.ts`).
 * - `dist/knowledge.json`: `data/` loaded and validated once, here, by the zod schemas
 *   (`src/knowledge/load.ts`), serialized but for the trained model, which start-up reads from
 *   `data/nlu/model.bin` as it is. The production start reads it without zod; a bad data file fails
 *   the build, naming the file and field.
 * - `dist/build-stamp`: the fingerprint of the inputs (paths, sizes, modification times), written last.
 *
 * Types are checked by `npm run typecheck` (and `npm test`), not here: the build takes about a second,
 * so that `npm start` can build on demand. `ensureBuilt()` (used by `npm start`) rebuilds only when
 * the fingerprint changed; checking it costs a few milliseconds.
 */
import { createHash, randomUUID } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Compiled to JavaScript. */
const CODE = ['src', 'commands'];
/** The bundles: where each starts, and its name in dist/. */
const ENTRIES = [
  { in: 'src/main.ts', out: 'main' },
  { in: 'commands/deploy-discord.ts', out: 'deploy-discord' },
  { in: 'src/maps/worker.ts', out: 'worker' },
  // The core and the snapshot reader as modules of their own, for the benchmarks (`npm run bench`
  // measures the core as production runs it, not through tsx): they share main's chunks.
  { in: 'src/core/index.ts', out: 'core' },
  { in: 'src/knowledge/snapshot.ts', out: 'knowledge' },
];
/** Loads the map thread (plain JavaScript: threads start without loader flags); beside worker.js. */
const WORKER_ENTRY = 'src/maps/worker-entry.mjs';
/** Libraries bundled into the code; every other dependency stays a package of node_modules. */
const BUNDLED = new Set(['@nlpjs/lang-en-min', '@nlpjs/lang-fr', '@fluent/bundle', 'fastest-levenshtein']);
/** Copied as they are, when present (`locales/`: the phrases, read at start-up). */
const ASSETS = ['data', 'locales'];
/** Anything that changes the output: the build script itself and the dependencies too. */
const INPUTS = [...CODE, ...ASSETS, 'scripts/build.mjs', 'package.json', 'package-lock.json'];
const STAMP = 'build-stamp';

/** Every file under `path` (or `path` itself), sorted, as paths relative to `root`. */
function files(root, path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

/** What the build reads: each input file's path, size and modification time, hashed. */
export function fingerprint(root = ROOT) {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((path) => files(root, path))) {
    const { size, mtimeMs } = statSync(join(root, file));
    hash.update(`${file}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Whether `out` was built from the files of `root` as they are now. */
export function isFresh(root = ROOT, out = join(root, 'dist')) {
  try {
    return readFileSync(join(out, STAMP), 'utf8') === fingerprint(root);
  } catch {
    return false;
  }
}

/**
 * Builds into a fresh folder, then swaps it in: an interrupted build leaves no half `dist/`, and
 * a stamp is only ever beside a whole build.
 */
export async function build(root = ROOT, dist = join(root, 'dist')) {
  const stamp = fingerprint(root);
  // Beside dist/, inside the package: the compiled modules find node_modules from there too.
  const out = join(dirname(dist), `.dist-${process.pid}-${randomUUID().slice(0, 8)}`);
  rmSync(out, { recursive: true, force: true });
  let stopEsbuild;
  try {
    const { build: esbuild, stop } = await import('esbuild');
    // esbuild's service process would otherwise live on beside the bot `npm start` runs next.
    stopEsbuild = stop;
    const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const external = Object.keys(dependencies)
      .filter((name) => !BUNDLED.has(name))
      .flatMap((name) => [name, `${name}/*`]);
    const options = {
      absWorkingDir: root,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Node 20 has Unicode property escapes (/\p{L}/u), but esbuild's table for node20 says it does
      // not, and rewrites each such literal as `new RegExp(…)`: a regular expression compiled every
      // time the line runs, some of them for every word of every message.
      supported: { 'regexp-unicode-property-escapes': true },
      external,
    };
    await esbuild({
      ...options,
      entryPoints: ENTRIES,
      outdir: out,
      splitting: true,
      chunkNames: 'chunk-[hash]',
      logLevel: 'warning',
    });
    cpSync(join(root, WORKER_ENTRY), join(out, 'worker-entry.mjs'));
    for (const dir of ASSETS) {
      if (existsSync(join(root, dir))) cpSync(join(root, dir), join(out, dir), { recursive: true });
    }
    // The loader, bundled on its own for this step only (zod and all), then removed.
    const loader = join(out, 'load.mjs');
    await esbuild({ ...options, entryPoints: ['src/knowledge/load.ts'], outfile: loader, logLevel: 'warning' });
    const { loadKnowledge } = await import(pathToFileURL(loader).href);
    rmSync(loader);
    // The snapshot leaves out the model (start-up reads `data/nlu/model.bin` as it is) and, when the
    // model is fresh, the corpus it was trained on (only training reads it).
    const { nluModel, nlu, ...knowledge } = loadKnowledge(join(root, 'data'));
    const fresh = nluModel?.inputs === knowledge.nluInputs;
    writeFileSync(join(out, 'knowledge.json'), JSON.stringify({ ...knowledge, nlu: fresh ? [] : nlu }));
    writeFileSync(join(out, STAMP), stamp);
    rmSync(dist, { recursive: true, force: true });
    renameSync(out, dist);
  } finally {
    rmSync(out, { recursive: true, force: true });
    await stopEsbuild?.();
  }
}

/**
 * Builds when `dist/` is missing or older than its inputs. In a copy that holds only the build (a
 * container image: no `src/`), there is nothing to build from, and `dist/` is taken as it is.
 */
export async function ensureBuilt(root = ROOT) {
  if (!existsSync(join(root, 'src')) || isFresh(root)) return false;
  process.stderr.write('cyberexport-bot: building dist/ (none yet, or the sources changed since)…\n');
  await build(root);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const started = performance.now();
    await build();
    process.stdout.write(`built dist/ in ${Math.round(performance.now() - started)} ms\n`);
  } catch (error) {
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
