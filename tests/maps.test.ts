import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { Knowledge } from '../src/knowledge/schema.js';
import { mainlandOf } from '../src/maps/atlas.js';
import {
  getMapPng,
  MAP_COLORS,
  type MapImage,
  mapLayout,
  REGIONS,
  renderMapPng,
  renderMapSvg,
  writeMapFile,
} from '../src/maps/index.js';

let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge();
});

type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function decode(image: MapImage): PNG {
  const png = PNG.sync.read(image.png);
  expect([png.width, png.height]).toEqual([image.width, image.height]);
  return png;
}

function pixel(png: PNG, [x, y]: [number, number]): Rgb {
  const i = (png.width * Math.round(y) + Math.round(x)) * 4;
  return [png.data[i] ?? -1, png.data[i + 1] ?? -1, png.data[i + 2] ?? -1];
}

function expectColor(actual: Rgb, hex: string, what: string): void {
  const want = rgb(hex);
  const close = actual.every((v, i) => Math.abs(v - (want[i] ?? 0)) <= 3);
  expect(close, `${what}: got rgb(${actual.join(',')}), want ${hex}`).toBe(true);
}

function countColor(png: PNG, hex: string): number {
  const [r, g, b] = rgb(hex);
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4)
    if (png.data[i] === r && png.data[i + 1] === g && png.data[i + 2] === b) n++;
  return n;
}

/** Where a [lon, lat] lands on the image, with the renderer's own projection. */
function at(options: Parameters<typeof mapLayout>[0], lonLat: [number, number]): [number, number] {
  const point = mapLayout(options).projection(lonLat);
  if (!point) throw new Error(`[${lonLat}] does not project`);
  return point;
}

describe('world map', () => {
  it('decodes to the layout size and colours countries by status', () => {
    const layout = mapLayout({ region: 'world' });
    const image = renderMapPng(kb, { lang: 'en', region: 'world' });
    expect([image.width, image.height]).toEqual([layout.width, layout.height]);
    const png = decode(image);
    const world = { region: 'world' } as const;
    expectColor(pixel(png, at(world, [2.5, 46.8])), MAP_COLORS.listed, 'France');
    expectColor(pixel(png, at(world, [10.4, 51])), MAP_COLORS.listed, 'Germany');
    expectColor(pixel(png, at(world, [-100, 40])), MAP_COLORS.listed, 'United States');
    expectColor(pixel(png, at(world, [45, 24])), MAP_COLORS.removed, 'Saudi Arabia');
    expectColor(pixel(png, at(world, [-6.5, 32.3])), MAP_COLORS.removed, 'Morocco');
    expectColor(pixel(png, at(world, [-102, 24])), MAP_COLORS.removed, 'Mexico');
    expectColor(pixel(png, at(world, [-50, -10])), MAP_COLORS.not_listed, 'Brazil');
    expectColor(pixel(png, at(world, [95, 62])), MAP_COLORS.not_listed, 'Russia');
    expectColor(pixel(png, at(world, [-35, 5])), MAP_COLORS.ocean, 'Atlantic');
    const israel = mainlandOf('IL')?.centroid;
    expect(israel).toBeDefined();
    expectColor(pixel(png, at(world, israel ?? [0, 0])), MAP_COLORS.domestic, 'Israel');
  });

  it('has a title, the report date and a legend in the requested language', () => {
    const en = renderMapSvg(kb, { lang: 'en', region: 'world' });
    const fr = renderMapSvg(kb, { lang: 'fr', region: 'world' });
    expect(en).toContain('Countries Israeli firms may sell offensive cyber tools to');
    expect(fr).toContain('Pays auxquels les firmes israéliennes peuvent vendre des outils cyber offensifs');
    expect(en).toContain('Reported 25 Nov 2021');
    expect(fr).toContain('Révélé le 25 nov. 2021');
    expect(en).toContain('On the list (37)');
    expect(fr).toContain('Sur la liste (37)');
    expect(en).toContain('Named as removed (4): Morocco, United Arab Emirates, Saudi Arabia, Mexico');
    expect(fr).toContain('Cités comme retirés (4)\u00a0: Maroc, Émirats arabes unis, Arabie saoudite, Mexique');
    expect(en).toContain('>Israel<');
    expect(fr).toContain('>Israël<');
    const titles = (svg: string) => svg.match(/<text[^>]*font-weight="700"[^>]*>([^<]*)</)?.[1];
    expect(titles(en)).not.toEqual(titles(fr));
  });
});

describe('europe map', () => {
  it('keeps Malta visible with a marker', () => {
    const options = { lang: 'fr', region: 'europe' } as const;
    const svg = renderMapSvg(kb, options);
    expect(svg).toMatch(/<circle data-code="MT"/);
    const png = decode(renderMapPng(kb, options));
    const malta = mainlandOf('MT')?.centroid ?? [0, 0];
    const [x, y] = at({ region: 'europe' }, malta);
    expectColor(pixel(png, [x, y]), MAP_COLORS.listed, 'Malta');
    // The marker is larger than the island: the sea just around it is painted too.
    expectColor(pixel(png, [x, y - 3]), MAP_COLORS.listed, 'Malta marker');
    expectColor(pixel(png, [x, y + 12]), MAP_COLORS.ocean, 'sea south of Malta');
  });
});

describe('every region', () => {
  for (const region of REGIONS) {
    it(`renders ${region} with listed and removed countries in view`, () => {
      const layout = mapLayout({ region });
      const png = decode(renderMapPng(kb, { lang: 'en', region }));
      expect([png.width, png.height]).toEqual([layout.width, layout.height]);
      expect(countColor(png, MAP_COLORS.listed)).toBeGreaterThan(100);
      expect(countColor(png, MAP_COLORS.removed)).toBeGreaterThan(100);
      expect(countColor(png, MAP_COLORS.domestic)).toBeGreaterThan(0);
    });
  }
});

describe('focus maps', () => {
  // An inland point of each country (Israel's centroid falls in the West Bank, drawn apart).
  const cases = [
    ['FR', MAP_COLORS.listed, 'France', [2.5, 46.8]],
    ['MA', MAP_COLORS.removed, 'Maroc', [-6.5, 32.3]],
    ['BR', MAP_COLORS.focusOther, 'Brazil', [-50, -10]],
    ['IL', MAP_COLORS.domestic, 'Israel', [34.85, 30.8]],
    ['LU', MAP_COLORS.listed, 'Luxembourg', [6.1, 49.75]],
  ] as const;
  for (const [code, color, name, inland] of cases) {
    it(`highlights ${code}`, () => {
      const lang = name === 'Maroc' ? 'fr' : 'en';
      const svg = renderMapSvg(kb, { lang, focus: code });
      expect(svg).toContain(`>${name}<`);
      const png = decode(renderMapPng(kb, { lang, focus: code }));
      expectColor(pixel(png, at({ focus: code }, [inland[0], inland[1]])), color, code);
    });
  }

  it('draws the neighbours in the neutral context colour', () => {
    const png = decode(renderMapPng(kb, { lang: 'en', focus: 'MA' }));
    expectColor(pixel(png, at({ focus: 'MA' }, [-3.5, 40])), MAP_COLORS.context, 'Spain');
  });

  it('rejects a country without a shape', () => {
    expect(() => renderMapSvg(kb, { lang: 'en', focus: 'ZZ' })).toThrow(/no map shape/);
  });
});

describe('getMapPng and writeMapFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'maps-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders a key once', () => {
    const first = getMapPng(kb, { lang: 'en', region: 'africa' });
    expect(getMapPng(kb, { lang: 'en', region: 'africa' })).toBe(first);
    expect(getMapPng(kb, { lang: 'fr', region: 'africa' })).not.toBe(first);
  });

  it('writes the PNG to a file', async () => {
    const path = await writeMapFile(kb, { lang: 'fr', region: 'middle-east' }, dir);
    expect(existsSync(path)).toBe(true);
    const png = PNG.sync.read(readFileSync(path));
    expect(png.width).toBe(mapLayout({ region: 'middle-east' }).width);
  });
});
