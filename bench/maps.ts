/**
 * `npx tsx bench/maps.ts`: the cost of the `/map` image. Cold = the first render of a key with nothing
 * loaded yet (atlas, fonts, memo; run it in a fresh process for the JIT to be cold too); cached = the
 * median of memo hits. Also the first render of every other region once the atlas is loaded.
 */
import { pathToFileURL } from 'node:url';
import { createCore, queryOf } from '../src/core/index.js';
import { createCache } from '../src/infra/cache.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { clearMapCache, createMapRenderer, getMapPng, REGIONS, resetAtlas } from '../src/maps/index.js';
import { Answers } from '../src/service/answers.js';

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export interface MapsBench {
  coldMs: number;
  /** In-process memo hit. */
  cachedMs: number;
  /** The PNG from the keyv cache through `Answers.mapImage`, as the bots get it. */
  keyvCachedMs: number;
  /** First render of each region (English) after the world map, atlas already loaded. */
  firstRenderMs: Record<string, number>;
  /** First render of a focus (locator) map. */
  focusMs: number;
}

export async function benchMaps(): Promise<MapsBench> {
  const kb = loadKnowledge();
  resetAtlas();
  clearMapCache();
  let started = performance.now();
  getMapPng(kb, { lang: 'en', region: 'world' });
  const coldMs = performance.now() - started;

  const samples: number[] = [];
  for (let i = 0; i < 1001; i++) {
    const s = performance.now();
    getMapPng(kb, { lang: 'en', region: 'world' });
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  const cachedMs = samples[Math.floor(samples.length / 2)] ?? 0;

  const firstRenderMs: Record<string, number> = {};
  for (const region of REGIONS) {
    if (region === 'world') continue;
    started = performance.now();
    getMapPng(kb, { lang: 'en', region });
    firstRenderMs[region] = round(performance.now() - started, 1);
  }
  started = performance.now();
  getMapPng(kb, { lang: 'fr', focus: 'MA' });
  const focusMs = performance.now() - started;
  // What the bots do: the PNG from the keyv answer cache (in memory here).
  const core = createCore(kb);
  const answers = new Answers(core, createCache({ namespace: 'bench-maps', ttlMs: 60_000 }), {
    maps: createMapRenderer(kb),
  });
  const map = core.answer(queryOf('map', 'en', { region: 'world' }));
  await answers.mapImage(map);
  const hits: number[] = [];
  for (let i = 0; i < 501; i++) {
    const s = performance.now();
    await answers.mapImage(map);
    hits.push(performance.now() - s);
  }
  hits.sort((a, b) => a - b);
  clearMapCache();
  return {
    coldMs: round(coldMs, 1),
    cachedMs: round(cachedMs, 4),
    keyvCachedMs: round(hits[Math.floor(hits.length / 2)] ?? 0, 4),
    firstRenderMs,
    focusMs: round(focusMs, 1),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchMaps(), null, 2));
}
