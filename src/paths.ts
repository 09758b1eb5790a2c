/**
 * Where the files that ship with the code are (`data/`, `locales/`, the build's `knowledge.json`).
 * From the sources (tsx, the tests) this module is `src/paths.ts`, one folder below the repository's
 * root; in the build, every module is bundled at the root of `dist/` (`scripts/build.mjs`), beside
 * the copies of `data/` and `locales/` and the knowledge snapshot.
 */
import { fileURLToPath } from 'node:url';

/**
 * Whether this runs from the build (compiled JavaScript, `.js` or `.mjs`) rather than the TypeScript
 * sources: anything but a `.ts` module counts as built. The path alone: a loader may add a query
 * (tsx in a worker thread: `paths.ts?tsx-namespace=…`).
 */
export const BUILT = !new URL(import.meta.url).pathname.endsWith('.ts');

/** The path of a file or folder (ending in `/`) at the root: the repository, or `dist/` in the build. */
export function atRoot(path: string): string {
  return fileURLToPath(new URL(`${BUILT ? './' : '../'}${path}`, import.meta.url));
}
