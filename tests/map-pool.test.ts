/**
 * Maps drawn on worker threads: started at the first map, one render a map however many ask, the event
 * loop free for text answers while a map is drawn, and the threads ended on close.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { renderPlain } from '../src/adapters/console/render.js';
import { createCore, type MapSpec, queryOf } from '../src/core/index.js';
import { createCache } from '../src/infra/cache.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { createMapPool, createMapRenderer, type MapPool, renderMapPng } from '../src/maps/index.js';
import { Answers } from '../src/service/answers.js';

const kb = loadKnowledge();
const core = createCore(kb);
const world = { region: 'world', focus: null } as const;

let pool: MapPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

/** Settles in the order of the promises' completion: what finished first comes first. */
async function finishOrder(tasks: Record<string, Promise<unknown>>): Promise<string[]> {
  const order: string[] = [];
  await Promise.all(Object.entries(tasks).map(([name, task]) => task.then(() => order.push(name))));
  return order;
}

describe('map pool', () => {
  test('no thread runs until a map is asked', () => {
    pool = createMapPool(kb);
    expect(pool.threads).toBe(0);
  });

  test('concurrent asks for one map share one render, the same PNG as drawn in process', async () => {
    pool = createMapPool(kb);
    const asks = await Promise.all([pool.render(world, 'en'), pool.render(world, 'en'), pool.render(world, 'en')]);
    expect(pool.threads).toBeGreaterThan(0);
    // One render: every caller holds the very same Buffer, not equal copies.
    expect(asks[1]).toBe(asks[0]);
    expect(asks[2]).toBe(asks[0]);
    expect(asks[0]?.equals(renderMapPng(kb, { lang: 'en', region: 'world' }).png)).toBe(true);
    expect(await pool.render(world, 'en')).toBe(asks[0]);
    expect(await pool.render(world, 'fr')).not.toBe(asks[0]);
  });

  test('text answers are not held back while a map is drawn', async () => {
    pool = createMapPool(kb);
    const answers = new Answers(core, createCache({ namespace: 'pool', ttlMs: 60_000 }), { maps: pool.render });
    const map = answers.mapImage(core.answer(queryOf('map', 'en', { region: 'europe' })));
    const texts = (async () => {
      for (const country of ['Morocco', 'India', 'France', 'Mexico', 'Japan'])
        await answers.ask('test', { chat: 1, user: 1 }, `Is ${country} allowed?`, undefined, renderPlain);
    })();
    expect(await finishOrder({ map, texts })).toEqual(['texts', 'map']);
    expect(await map).toBeInstanceOf(Buffer);
  });

  test('drawn in process instead, the map holds the text answers back', async () => {
    const answers = new Answers(core, createCache({ namespace: 'inline', ttlMs: 60_000 }), {
      maps: createMapRenderer(kb),
    });
    const map = answers.mapImage(core.answer(queryOf('map', 'en', { region: 'africa' })));
    const text = answers.ask('test', { chat: 1, user: 1 }, 'Is Morocco allowed?', undefined, renderPlain);
    expect(await finishOrder({ map, text })).toEqual(['map', 'text']);
  });

  test('close ends the threads; a render still pending fails rather than hang', async () => {
    pool = createMapPool(kb);
    await pool.render(world, 'en');
    const pending = expect(pool.render({ region: 'asia-pacific', focus: null }, 'fr')).rejects.toThrow();
    await pool.close();
    expect(pool.threads).toBe(0);
    await pending;
  });

  test('PNGs past the byte budget are dropped, least recently asked first, and drawn again when asked', async () => {
    // Room for one world map, English or French, not both.
    const bytes = renderMapPng(kb, { lang: 'en', region: 'world' }).png.byteLength;
    pool = createMapPool(kb, { maxBytes: Math.floor(bytes * 1.5) });
    const en = await pool.render(world, 'en');
    expect(await pool.render(world, 'en')).toBe(en);
    await pool.render(world, 'fr');
    const again = await pool.render(world, 'en');
    expect(again).not.toBe(en);
    expect(again.equals(en)).toBe(true);
  });

  test('threads are replaced after their share of maps (resvg keeps native memory), and maps still come right', async () => {
    pool = createMapPool(kb, { rendersPerPool: 2 });
    const asked: [MapSpec, 'en' | 'fr'][] = [
      [world, 'en'],
      [{ region: 'europe', focus: null }, 'en'],
      [{ region: 'africa', focus: null }, 'fr'],
      [{ region: 'world', focus: 'MA' }, 'fr'],
    ];
    for (const [spec, lang] of asked) {
      const png = await pool.render(spec, lang);
      const options = spec.focus ? { lang, focus: spec.focus } : { lang, region: spec.region };
      expect(png.equals(renderMapPng(kb, options).png)).toBe(true);
    }
    await pool.close();
    expect(pool.threads).toBe(0);
  });
});
