/**
 * `npm start`: reads `.env`, builds `dist/` when it is missing or older than the sources (about a
 * second, once), then runs the build in this same process, as `node dist/main.js` does. In production
 * run `node dist/main.js` itself (see the README): no npm, no build check, signals straight to node.
 */
import './env.mjs';
import { ensureBuilt } from './build.mjs';

try {
  await ensureBuilt();
} catch (error) {
  process.stderr.write(
    `cyberexport-bot: the build failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
await import('../dist/main.js');
