// The entry of a map worker thread, in plain JavaScript: the pool starts threads without the parent's
// loader flags. Built (`dist/`), the compiled worker.js sits beside this file and is loaded as it is;
// from the sources (tsx, vitest), tsx is registered here first, to compile worker.ts.
import { existsSync } from 'node:fs';

const compiled = new URL('./worker.js', import.meta.url);
let worker;
if (existsSync(compiled)) {
  worker = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  worker = await import('./worker.ts');
}

export default worker.drawMap;
