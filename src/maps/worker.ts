/**
 * The task of a map worker thread (see `pool.ts`): draws one map with the knowledge the pool handed
 * the thread. No memo here: the pool keeps the PNGs once for all its threads.
 */
import { workerData } from 'node:worker_threads';
import type { Lang, MapSpec } from '../core/types.js';
import { type MapKnowledge, mapOptionsOf, renderMapPng } from './render.js';

export interface MapTask {
  spec: MapSpec;
  lang: Lang;
}

const kb = workerData as MapKnowledge;

export function drawMap({ spec, lang }: MapTask): Buffer {
  return renderMapPng(kb, mapOptionsOf(spec, lang)).png;
}
