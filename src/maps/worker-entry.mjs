// The entry of a map worker thread, in plain JavaScript: the pool starts threads without the parent's
// loader flags, so they know no TypeScript until tsx is registered here, under `npm start` and vitest alike.
import { register } from 'tsx/esm/api';

register();
const { drawMap } = await import('./worker.ts');

export default drawMap;
