/**
 * `npm run build`: the production build in `dist/`, run by plain node with no TypeScript at run time.
 *
 * - `src/` and `commands/` transpiled file by file to JavaScript (esbuild; the layout is kept, so
 *   `dist/src/main.js` sits where `src/main.ts` does, one folder down); other files under `src/` copied.
 * - `data/` and `locales/` copied beside them, so that paths relative to a module still resolve.
 * - `dist/knowledge.json`: `data/` loaded and validated once, here, by the zod schemas
 *   (`src/knowledge/load.ts`): the whole `Knowledge` object, serialized. The production start reads
 *   it without zod; a bad data file fails the build, naming the file and field.
 * - `dist/main.js`: the entry (`node dist/main.js`).
 * - `dist/build-stamp`: the fingerprint of the inputs (paths, sizes, modification times), written last.
 *
 * Types are checked by `npm run typecheck` (and `npm test`), not here: the build takes about a second,
 * so that `npm start` can build on demand. `ensureBuilt()` (used by `npm start`) rebuilds only when
 * the fingerprint changed; checking it costs a few milliseconds.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Compiled to JavaScript. */
const CODE = ['src', 'commands'];
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
  try {
    const sources = CODE.flatMap((path) => files(root, path));
    const { build: esbuild } = await import('esbuild');
    await esbuild({
      absWorkingDir: root,
      entryPoints: sources.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')),
      outdir: out,
      outbase: '.',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
    });
    for (const file of sources.filter((f) => !f.endsWith('.ts'))) {
      mkdirSync(dirname(join(out, file)), { recursive: true });
      cpSync(join(root, file), join(out, file));
    }
    for (const dir of ASSETS) {
      if (existsSync(join(root, dir))) cpSync(join(root, dir), join(out, dir), { recursive: true });
    }
    const { loadKnowledge } = await import(pathToFileURL(join(out, 'src/knowledge/load.js')).href);
    writeFileSync(join(out, 'knowledge.json'), JSON.stringify(loadKnowledge(join(root, 'data'))));
    writeFileSync(join(out, 'main.js'), "// The production entry: `node dist/main.js`.\nimport './src/main.js';\n");
    writeFileSync(join(out, STAMP), stamp);
    rmSync(dist, { recursive: true, force: true });
    renameSync(out, dist);
  } finally {
    rmSync(out, { recursive: true, force: true });
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
