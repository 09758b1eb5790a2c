/**
 * Maps drawn off the event loop: a render takes 50–250 ms, which on the main thread would hold back
 * every other answer. A small pool of worker threads (piscina), started at the first map asked; the
 * PNGs kept in a byte-bounded LRU; concurrent asks for one map share one render.
 */
import { availableParallelism } from 'node:os';
import { LRUCache } from 'lru-cache';
import type { Piscina } from 'piscina';
import type { Lang, MapSpec } from '../core/types.js';
import { type MapKnowledge, mapKey } from './key.js';
import type { MapTask } from './worker.js';

/** Two threads at most, and never every core: the event loop keeps one. */
const THREADS = Math.max(1, Math.min(2, availableParallelism() - 1));
/** A thread idle this long ends, and its atlas and fonts with it; the next map starts one again. */
const IDLE_MS = 5 * 60_000;
/**
 * Threads are replaced after this many maps. @resvg/resvg-js 2.6 keeps ~1.8 MB of native memory a
 * render that V8 never collects (thx/resvg-js#216; measured here with a collection forced after each
 * render); ending the thread gives it back.
 */
const RENDERS_PER_POOL = 50;
/** Bytes of PNG the pool keeps when nothing else is said (`MAP_CACHE_MB`). */
const DEFAULT_MAP_BYTES = 16 * 2 ** 20;
/** Beside this module in `src/maps/`; in the build, at the root of `dist/` with every bundle (`scripts/build.mjs`). */
const WORKER = new URL('./worker-entry.mjs', import.meta.url).href;

export interface MapPool {
  /** The PNG of an answer's map: from memory, or drawn on a worker thread (once, however many ask). */
  render: (spec: MapSpec, lang: Lang) => Promise<Buffer>;
  /** Worker threads running now (none until the first map). */
  readonly threads: number;
  /** Ends the threads; a render still pending fails. */
  close(): Promise<void>;
}

export interface MapPoolOptions {
  /** Bytes of PNG kept in memory; the least recently asked go first. */
  maxBytes?: number;
  /** A thread that fails with no render running (a failing render only fails that render). */
  onError?: (error: unknown) => void;
  /** Maps drawn before the threads are replaced (default RENDERS_PER_POOL; tests make it small). */
  rendersPerPool?: number;
}

export function createMapPool(kb: MapKnowledge, options: MapPoolOptions = {}): MapPool {
  // Each thread gets a copy: only what the maps read, not the whole knowledge.
  const knowledge: MapKnowledge = { exportList: kb.exportList, names: kb.names, version: kb.version };
  const images = new LRUCache<string, Buffer>({
    maxSize: options.maxBytes ?? DEFAULT_MAP_BYTES,
    sizeCalculation: (png) => png.byteLength,
  });
  const drawing = new Map<string, Promise<Buffer>>();
  /** The threads of the current pool; a promise, as piscina itself is loaded with the first map. */
  let pool: Promise<Piscina<MapTask, Uint8Array>> | undefined;
  /** The same pool once started, for `threads`. */
  let current: Piscina<MapTask, Uint8Array> | undefined;
  let rendered = 0;
  /** Pools being replaced: they finish what they run, then end. */
  const retiring = new Set<Promise<void>>();

  async function start(): Promise<Piscina<MapTask, Uint8Array>> {
    // Loaded here: an instance that never draws a map never loads piscina.
    const { Piscina } = await import('piscina');
    const started = new Piscina<MapTask, Uint8Array>({
      filename: WORKER,
      workerData: knowledge,
      minThreads: 0,
      maxThreads: THREADS,
      idleTimeout: IDLE_MS,
      // Not the parent's loader flags (tsx's under `npm run dev`, none under vitest or from dist/): the entry
      // registers tsx itself when it runs from the sources.
      execArgv: [],
    });
    // Unheard, piscina's 'error' event would end the process.
    started.on('error', (error: unknown) => options.onError?.(error));
    return started;
  }

  async function draw(task: MapTask): Promise<Buffer> {
    if (pool && rendered >= (options.rendersPerPool ?? RENDERS_PER_POOL)) {
      const old = pool.then((p) => p.close()).catch((error: unknown) => options.onError?.(error));
      retiring.add(old);
      void old.finally(() => retiring.delete(old));
      pool = undefined;
      current = undefined;
    }
    if (!pool) {
      pool = start();
      rendered = 0;
    }
    rendered++;
    const starting = pool;
    const running = await starting;
    if (pool === starting) current = running;
    const png = await running.run(task);
    return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  }

  return {
    render: (spec, lang) => {
      // Keyed by what is asked: which countries have a shape is the atlas's to say, and it stays on the threads.
      const key = mapKey(kb, spec.focus ? { lang, focus: spec.focus } : { lang, region: spec.region });
      const hit = images.get(key);
      if (hit) return Promise.resolve(hit);
      let pending = drawing.get(key);
      if (!pending) {
        pending = draw({ spec, lang })
          .then((png) => {
            images.set(key, png);
            return png;
          })
          .finally(() => drawing.delete(key));
        drawing.set(key, pending);
      }
      return pending;
    },
    get threads() {
      return current?.threads.length ?? 0;
    },
    close: async () => {
      const running = pool;
      pool = undefined;
      current = undefined;
      await Promise.all([running?.then((p) => p.destroy()), ...retiring]);
    },
  };
}
