/**
 * `npx tsx bench/maps.ts`: the cost of the `/map` image. Cold = the first render of a key with nothing
 * loaded yet (atlas, fonts, memo; run it in a fresh process for the JIT to be cold too); cached = the
 * median of memo hits. Also the first render of every other region once the atlas is loaded, the pool's
 * first map (thread start included) and its hits as the bots get them, and how long text answers wait
 * while maps are drawn: in process (before the pool) and on the pool, in alternating rounds.
 */
import { pathToFileURL } from 'node:url';
import { telegramRender } from '../src/adapters/telegram/send.js';
import { type Core, createCore, type Lang, type MapSpec, queryOf } from '../src/core/index.js';
import { createCache } from '../src/infra/cache.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { Knowledge } from '../src/knowledge/schema.js';
import { clearMapCache, createMapPool, createMapRenderer, getMapPng, REGIONS, resetAtlas } from '../src/maps/index.js';
import { Answers } from '../src/service/answers.js';
import { buildCorpus } from './corpus.js';

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** Text answers waiting while maps are drawn, in ms from when each question arrived. */
export interface TextWhileDrawing {
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** Each round's p50, p90 and p99: the spread from round to round. */
  roundP50Ms: number[];
  roundP90Ms: number[];
  roundP99Ms: number[];
}

export interface MapsBench {
  coldMs: number;
  /** In-process memo hit. */
  cachedMs: number;
  /** First render of each region (English) after the world map, atlas already loaded. */
  firstRenderMs: Record<string, number>;
  /** First render of a focus (locator) map. */
  focusMs: number;
  /** First map through a new pool: thread start, tsx, atlas and render. */
  poolColdMs: number;
  /** The PNG from the pool's memory through `Answers.mapImage`, as the bots get it. */
  poolCachedMs: number;
  /** Text answers asked with no map drawn (the floor), while maps are drawn in process (before the pool), and on the pool. */
  textWhileDrawing: { rounds: number; noMaps: TextWhileDrawing; inProcess: TextWhileDrawing; pool: TextWhileDrawing };
}

type Draw = (spec: MapSpec, lang: Lang) => Promise<Buffer>;

/** What a round asks: a map every MAP_EVERY_MS (four regions, four countries), a question every TEXT_EVERY_MS. */
const ROUND_MAPS: MapSpec[] = [
  { region: 'europe', focus: null },
  { region: 'world', focus: 'MA' },
  { region: 'middle-east', focus: null },
  { region: 'world', focus: 'IN' },
  { region: 'americas', focus: null },
  { region: 'world', focus: 'MX' },
  { region: 'asia-pacific', focus: null },
  { region: 'world', focus: 'FR' },
];
const MAP_EVERY_MS = 250;
const TEXT_EVERY_MS = 5;
/** Questions keep coming a little after the last map is asked. */
const ROUND_MS = ROUND_MAPS.length * MAP_EVERY_MS + 200;
const ROUNDS = 5;

/** Waits for `due` turning the event loop (a timer would add its own millisecond of lateness). */
async function until(due: number): Promise<void> {
  while (performance.now() < due) await new Promise(setImmediate);
}

/**
 * One round: maps and questions arrive on a fixed schedule; a question's latency runs from when it was
 * due, so time spent waiting for a blocked event loop counts, as it does for an update on the socket.
 */
async function askWhileDrawing(core: Core, draw: Draw | undefined, questions: string[]): Promise<number[]> {
  const cache = createCache({ namespace: `bench-${Math.random()}`, ttlMs: 60_000 });
  const answers = new Answers(core, cache, draw ? { maps: draw } : {});
  const render = telegramRender(core);
  const events = [
    ...ROUND_MAPS.map((spec, i) => ({
      at: i * MAP_EVERY_MS,
      map: core.answer(queryOf('map', 'en', { region: spec.region, countries: spec.focus ? [spec.focus] : [] })),
    })),
    ...Array.from({ length: ROUND_MS / TEXT_EVERY_MS }, (_, i) => ({ at: i * TEXT_EVERY_MS, map: undefined })),
  ].sort((a, b) => a.at - b.at);
  const latencies: number[] = [];
  const work: Promise<unknown>[] = [];
  const started = performance.now();
  for (const [i, { at, map }] of events.entries()) {
    const due = started + at;
    await until(due);
    if (map) work.push(answers.mapImage(map));
    else {
      const asked = answers.ask(
        'bench',
        { chat: i, user: i },
        questions[i % questions.length] ?? '',
        undefined,
        render,
      );
      work.push(asked.then(() => latencies.push(performance.now() - due)));
    }
  }
  await Promise.all(work);
  return latencies;
}

function summary(rounds: number[][]): TextWhileDrawing {
  const all = sorted(rounds.flat());
  const each = (p: number) => rounds.map((r) => round(percentile(sorted(r), p)));
  return {
    p50Ms: round(percentile(all, 50)),
    p90Ms: round(percentile(all, 90)),
    p99Ms: round(percentile(all, 99)),
    roundP50Ms: each(50),
    roundP90Ms: each(90),
    roundP99Ms: each(99),
  };
}

/** Alternating rounds: no maps, in process, on a pool; the last two draw the same maps from nothing cached. */
async function benchTextWhileDrawing(kb: Knowledge): Promise<MapsBench['textWhileDrawing']> {
  const questions = buildCorpus();
  const core = createCore(kb);
  const warm = async (draw: Draw) => {
    // Atlas, fonts and thread started, outside the measure: maps the rounds do not ask (French).
    await draw({ region: 'africa', focus: null }, 'fr');
    await draw({ region: 'world', focus: 'PT' }, 'fr');
  };
  await warm(createMapRenderer(kb));
  const idle: number[][] = [];
  const inProcess: number[][] = [];
  const pooled: number[][] = [];
  for (let i = 0; i < ROUNDS; i++) {
    idle.push(await askWhileDrawing(core, undefined, questions));
    clearMapCache();
    inProcess.push(await askWhileDrawing(core, createMapRenderer(kb), questions));
    const pool = createMapPool(kb);
    try {
      await warm(pool.render);
      pooled.push(await askWhileDrawing(core, pool.render, questions));
    } finally {
      await pool.close();
    }
  }
  clearMapCache();
  return { rounds: ROUNDS, noMaps: summary(idle), inProcess: summary(inProcess), pool: summary(pooled) };
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
  const cachedMs = percentile(sorted(samples), 50);

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

  // What the bots do: the PNG from the pool, through `Answers.mapImage`.
  const core = createCore(kb);
  const pool = createMapPool(kb);
  const answers = new Answers(core, createCache({ namespace: 'bench-maps', ttlMs: 60_000 }), { maps: pool.render });
  const map = core.answer(queryOf('map', 'en', { region: 'world' }));
  started = performance.now();
  await answers.mapImage(map);
  const poolColdMs = performance.now() - started;
  const hits: number[] = [];
  for (let i = 0; i < 501; i++) {
    const s = performance.now();
    await answers.mapImage(map);
    hits.push(performance.now() - s);
  }
  await pool.close();
  clearMapCache();
  return {
    coldMs: round(coldMs, 1),
    cachedMs: round(cachedMs, 4),
    firstRenderMs,
    focusMs: round(focusMs, 1),
    poolColdMs: round(poolColdMs, 1),
    poolCachedMs: round(percentile(sorted(hits), 50), 4),
    textWhileDrawing: await benchTextWhileDrawing(kb),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchMaps(), null, 2));
}
