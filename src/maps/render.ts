/**
 * The `/map` image: a map of the export list (listed, named as removed, the rest, Israel) with a
 * title, a legend and the report date, in English or French, as SVG and as PNG (resvg, no system fonts,
 * no network). Pure apart from reading the atlas and the font files once.
 */
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { geoGraticule, geoPath } from 'd3-geo';
import { LRUCache } from 'lru-cache';
import type { MapSpec, Status } from '../core/types.js';
import { formatDate, t } from '../i18n/index.js';
import type { Lang } from '../knowledge/schema.js';
import { hasShape, loadAtlas, loadWorldAtlas, mainlandOf } from './atlas.js';
import { type Drawn, drawShapes } from './draw.js';
import { type MapKnowledge, type MapOptions, mapKey } from './key.js';
import { type MapLayout, mapLayout, type Region } from './layout.js';
import { escapeXml, FOCUS_STATUS, REGION_NAME, textWidth } from './text.js';

export { type MapKnowledge, type MapOptions, mapKey };

export interface MapImage {
  png: Buffer;
  width: number;
  height: number;
}

/**
 * Colours: ColorBrewer "Dark2" teal and orange (told apart with the common colour-vision deficiencies),
 * a deep purple for Israel, on an opaque light panel so the image reads the same on Discord's dark theme
 * and Telegram's light one.
 */
export const MAP_COLORS = {
  background: '#f7f8fa',
  ocean: '#d3e4ef',
  graticule: '#c2d6e4',
  panelBorder: '#b9c7d3',
  border: '#ffffff',
  listed: '#1b9e77',
  removed: '#d95f02',
  not_listed: '#c3c7cc',
  domestic: '#6a3d9a',
  /** Focus maps: the countries around the one in focus. */
  context: '#dcdfe3',
  /** Focus maps: a focused country that is not on the list (darker than the context grey). */
  focusOther: '#7b8591',
  focusOutline: '#1f2328',
  text: '#1f2328',
  mutedText: '#56606b',
  halo: '#ffffff',
} as const;

const FONT_FAMILY = 'Inter';
const require = createRequire(import.meta.url);
/** Inter (SIL Open Font License 1.1), shipped as TTF by @expo-google-fonts/inter. */
const FONT_FILES = [
  require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
];

/** A shape whose projected area (px²) is below this gets a round marker so it stays visible. */
const SMALL_AREA = 45;
const MARKER_RADIUS = 5;

export function statusOf(kb: MapKnowledge, code: string): Status {
  if (code === kb.exportList.domestic) return 'domestic';
  if (kb.exportList.listed.includes(code)) return 'listed';
  if (kb.exportList.removed.includes(code)) return 'removed';
  return 'not_listed';
}

const num = (n: number) => String(Math.round(n * 10) / 10);

type CodedDrawn = Drawn & { code: string };

function inside(layout: MapLayout, [x, y]: [number, number]): boolean {
  const { map } = layout;
  return x >= map.x && x <= map.x + map.width && y >= map.y && y <= map.y + map.height;
}

/** Projects every country once; returns the visible ones, with and without an ISO code. */
function drawCountries(layout: MapLayout, world: boolean): { drawn: CodedDrawn[]; unnamed: string[] } {
  const shapes = world ? loadWorldAtlas().shapes : loadAtlas('50m').shapes;
  const drawn: CodedDrawn[] = [];
  const unnamed: string[] = [];
  for (const c of drawShapes(layout, shapes, !world)) {
    if (c.code) drawn.push({ ...c, code: c.code });
    else unnamed.push(c.d);
  }
  return { drawn, unnamed };
}

/** The pixel position of a country's mainland centroid, when it is on the map. */
function anchorOf(layout: MapLayout, code: string): [number, number] | null {
  const mainland = mainlandOf(code);
  const point = mainland ? layout.projection(mainland.centroid) : null;
  return point && inside(layout, point) ? point : null;
}

function areaByCode(drawn: CodedDrawn[]): Map<string, number> {
  const areas = new Map<string, number>();
  for (const c of drawn) areas.set(c.code, (areas.get(c.code) ?? 0) + c.area);
  return areas;
}

function text(
  x: number,
  y: number,
  content: string,
  size: number,
  options: { bold?: boolean; color?: string; anchor?: 'start' | 'middle' | 'end'; halo?: boolean } = {},
): string {
  const attrs = [`x="${num(x)}"`, `y="${num(y)}"`, `font-size="${size}"`, `fill="${options.color ?? MAP_COLORS.text}"`];
  if (options.bold) attrs.push('font-weight="700"');
  if (options.anchor && options.anchor !== 'start') attrs.push(`text-anchor="${options.anchor}"`);
  if (options.halo)
    attrs.push(`stroke="${MAP_COLORS.halo}" stroke-width="4" stroke-linejoin="round" paint-order="stroke"`);
  return `<text ${attrs.join(' ')}>${escapeXml(content)}</text>`;
}

/** The largest font size (≤ `max`, ≥ `min`) at which `content` fits in `width`. */
function fitSize(content: string, width: number, max: number, min: number, bold = false): number {
  const at = textWidth(content, max, bold);
  return at <= width ? max : Math.max(min, Math.floor((max * width) / at));
}

function israelLabel(layout: MapLayout, drawn: CodedDrawn[], lang: Lang, size: number): string {
  const shapes = drawn.filter((c) => c.code === 'IL');
  const anchor = anchorOf(layout, 'IL');
  if (!anchor || shapes.length === 0) return '';
  const { map } = layout;
  const label = t(lang, 'image-israel');
  const labelWidth = textWidth(label, size, true);
  const y = anchor[1] + size * 0.35;
  if (y - size < map.y + 2 || y > map.y + map.height - 4) return '';
  const west = Math.min(anchor[0] - MARKER_RADIUS, ...shapes.map((c) => c.bounds[0][0])) - 7;
  const east = Math.max(anchor[0] + MARKER_RADIUS, ...shapes.map((c) => c.bounds[1][0])) + 7;
  // West of Israel (the sea) when there is room, else east of it.
  const style = { bold: true, color: MAP_COLORS.domestic, halo: true } as const;
  if (west - labelWidth >= map.x + 4) return text(west, y, label, size, { ...style, anchor: 'end' });
  if (east + labelWidth <= map.x + map.width - 4) return text(east, y, label, size, style);
  return '';
}

function marker(code: string, [x, y]: [number, number], color: string, r = MARKER_RADIUS): string {
  return `<circle data-code="${code}" cx="${num(x)}" cy="${num(y)}" r="${r}" fill="${color}" stroke="${MAP_COLORS.halo}" stroke-width="1.2"/>`;
}

function svgOpen(layout: MapLayout): string[] {
  const { width, height, map } = layout;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">`,
    `<rect width="${width}" height="${height}" fill="${MAP_COLORS.background}"/>`,
    `<defs><clipPath id="map"><rect x="${map.x}" y="${map.y}" width="${map.width}" height="${map.height}" rx="10"/></clipPath></defs>`,
    '<g clip-path="url(#map)">',
    `<rect x="${map.x}" y="${map.y}" width="${map.width}" height="${map.height}" fill="${MAP_COLORS.ocean}"/>`,
  ];
}

function panelClose(layout: MapLayout): string[] {
  const { map } = layout;
  return [
    '</g>',
    `<rect x="${map.x}" y="${map.y}" width="${map.width}" height="${map.height}" rx="10" fill="none" stroke="${MAP_COLORS.panelBorder}"/>`,
  ];
}

function countryPaths(drawn: CodedDrawn[], unnamed: string[], colorOf: (code: string) => string, exclude: string[]) {
  const byColor = new Map<string, string[]>();
  const add = (color: string, d: string) => byColor.set(color, [...(byColor.get(color) ?? []), d]);
  for (const d of unnamed) add(colorOf(''), d);
  for (const c of drawn) if (!exclude.includes(c.code)) add(colorOf(c.code), c.d);
  return [...byColor].map(
    ([color, ds]) =>
      `<path fill="${color}" stroke="${MAP_COLORS.border}" stroke-width="0.6" stroke-linejoin="round" d="${ds.join('')}"/>`,
  );
}

function renderRegionSvg(kb: MapKnowledge, lang: Lang, region: Region): string {
  const layout = mapLayout({ region });
  const { width, map } = layout;
  const { drawn, unnamed } = drawCountries(layout, region === 'world');
  const color = (code: string) => (code ? MAP_COLORS[statusOf(kb, code)] : MAP_COLORS.not_listed);
  const domestic = kb.exportList.domestic;
  const out = svgOpen(layout);
  const graticule = geoGraticule().step(region === 'world' ? [30, 30] : [10, 10]);
  out.push(
    `<path fill="none" stroke="${MAP_COLORS.graticule}" stroke-width="0.6" d="${geoPath(layout.projection).digits(1)(graticule()) ?? ''}"/>`,
  );
  out.push(...countryPaths(drawn, unnamed, color, [domestic]));
  // Israel on top, outlined, so it reads as marked at every zoom.
  const israel = drawn.filter((c) => c.code === domestic).map((c) => c.d);
  if (israel.length)
    out.push(
      `<path data-code="${domestic}" fill="${MAP_COLORS.domestic}" stroke="${MAP_COLORS.focusOutline}" stroke-width="0.8" d="${israel.join('')}"/>`,
    );
  // Markers for countries too small to see: listed, removed, Israel.
  const areas = areaByCode(drawn);
  const markers: string[] = [];
  for (const [code, area] of areas) {
    const status = statusOf(kb, code);
    if (status === 'not_listed' || area >= SMALL_AREA) continue;
    const anchor = anchorOf(layout, code);
    if (anchor) markers.push(marker(code, anchor, MAP_COLORS[status]));
  }
  out.push(...markers);
  out.push(israelLabel(layout, drawn, lang, region === 'world' ? 14 : 16));
  out.push(...panelClose(layout));

  // Header.
  const titleText = t(lang, 'image-title');
  const regionText = region === 'world' ? '' : ` · ${REGION_NAME[region][lang]}`;
  const fullTitle = titleText + regionText;
  const titleSize = fitSize(fullTitle, width - 2 * map.x, 28, 18, true);
  out.push(text(map.x, 44, fullTitle, titleSize, { bold: true }));
  const subtitle = t(lang, 'image-subtitle', {
    date: formatDate(kb.exportList.reportedOn, lang),
    from: kb.exportList.previousCount,
    to: kb.exportList.listed.length,
  });
  out.push(text(map.x, 78, subtitle, fitSize(subtitle, width - 2 * map.x, 17, 12), { color: MAP_COLORS.mutedText }));

  // Legend, flowing left to right and wrapping.
  const removedNames = kb.exportList.removed.map((c) => kb.names[c]?.display[lang] ?? c).join(', ');
  const items: { swatch: 'box' | 'dot'; color: string; label: string }[] = [
    {
      swatch: 'box',
      color: MAP_COLORS.listed,
      label: t(lang, 'image-legend-listed', { n: kb.exportList.listed.length }),
    },
    {
      swatch: 'box',
      color: MAP_COLORS.removed,
      label: t(lang, 'image-legend-removed', { n: kb.exportList.removed.length, names: removedNames }),
    },
    { swatch: 'box', color: MAP_COLORS.not_listed, label: t(lang, 'image-legend-other') },
    { swatch: 'box', color: MAP_COLORS.domestic, label: t(lang, 'image-legend-domestic') },
    { swatch: 'dot', color: MAP_COLORS.listed, label: t(lang, 'image-legend-small') },
  ];
  const legendSize = 15;
  let x = map.x;
  let y = map.y + map.height + 30;
  for (const item of items) {
    const itemWidth = 26 + textWidth(item.label, legendSize);
    if (x > map.x && x + itemWidth > width - map.x) {
      x = map.x;
      y += 28;
    }
    out.push(
      item.swatch === 'box'
        ? `<rect x="${num(x)}" y="${num(y - 12)}" width="18" height="14" rx="3" fill="${item.color}"/>`
        : marker('legend', [x + 9, y - 5], item.color, MARKER_RADIUS + 0.5),
    );
    out.push(text(x + 26, y, item.label, legendSize));
    x += itemWidth + 28;
  }
  out.push(
    text(map.x, layout.height - 16, t(lang, 'image-footer', { by: kb.exportList.reportedBy }), 12.5, {
      color: MAP_COLORS.mutedText,
    }),
  );
  out.push('</svg>');
  return out.join('\n');
}

function renderFocusSvg(kb: MapKnowledge, lang: Lang, focus: string): string {
  const code = focus.toUpperCase();
  const layout = mapLayout({ focus: code });
  const { width, map } = layout;
  const { drawn, unnamed } = drawCountries(layout, false);
  const status = statusOf(kb, code);
  const domestic = kb.exportList.domestic;
  const highlight = status === 'not_listed' ? MAP_COLORS.focusOther : MAP_COLORS[status];
  const out = svgOpen(layout);
  const graticule = geoGraticule().step([5, 5]);
  out.push(
    `<path fill="none" stroke="${MAP_COLORS.graticule}" stroke-width="0.6" d="${geoPath(layout.projection).digits(1)(graticule()) ?? ''}"/>`,
  );
  const color = (c: string) => (c === domestic ? MAP_COLORS.domestic : MAP_COLORS.context);
  out.push(...countryPaths(drawn, unnamed, color, [code]));
  const mine = drawn.filter((c) => c.code === code);
  out.push(
    `<path data-code="${code}" fill="${highlight}" stroke="${MAP_COLORS.focusOutline}" stroke-width="1.4" stroke-linejoin="round" d="${mine.map((c) => c.d).join('')}"/>`,
  );
  const anchor = anchorOf(layout, code);
  const area = mine.reduce((sum, c) => sum + c.area, 0);
  if (anchor && area < 400) {
    // Small country: a ring around it, and a dot when it is too small to see at all.
    if (area < SMALL_AREA) out.push(marker(code, anchor, highlight));
    out.push(
      `<circle cx="${num(anchor[0])}" cy="${num(anchor[1])}" r="16" fill="none" stroke="${MAP_COLORS.focusOutline}" stroke-width="2"/>`,
    );
  }
  if (code !== domestic) out.push(israelLabel(layout, drawn, lang, 14));
  out.push(...panelClose(layout));

  const name = kb.names[code]?.display[lang] ?? code;
  out.push(text(map.x, 40, name, fitSize(name, width - 2 * map.x - 40, 26, 16, true), { bold: true }));
  const phrase = t(lang, FOCUS_STATUS[status], { n: kb.exportList.listed.length });
  out.push(`<rect x="${map.x}" y="${53}" width="16" height="13" rx="3" fill="${highlight}"/>`);
  out.push(text(map.x + 24, 65, phrase, fitSize(phrase, width - 2 * map.x - 24, 16, 12)));
  const footer = t(lang, 'image-focus-footer', { date: formatDate(kb.exportList.reportedOn, lang) });
  out.push(text(map.x, layout.height - 14, footer, 12.5, { color: MAP_COLORS.mutedText }));
  out.push('</svg>');
  return out.join('\n');
}

/** The map as an SVG string (region map, or a locator map when `focus` is set). */
export function renderMapSvg(kb: MapKnowledge, options: MapOptions): string {
  return options.focus
    ? renderFocusSvg(kb, options.lang, options.focus)
    : renderRegionSvg(kb, options.lang, options.region ?? 'world');
}

/** SVG → PNG with resvg, using only the bundled Inter font files. */
export function svgToPng(svg: string): MapImage {
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: FONT_FILES,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    fitTo: { mode: 'original' },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

export function renderMapPng(kb: MapKnowledge, options: MapOptions): MapImage {
  return svgToPng(renderMapSvg(kb, options));
}

/** Bytes of PNG the in-process memo keeps (the terminal, `npm run ask`; the bots use the pool's own). */
const MAP_MEMO_BYTES = 16 * 2 ** 20;
const memo = new LRUCache<string, MapImage>({
  maxSize: MAP_MEMO_BYTES,
  sizeCalculation: (image) => image.png.byteLength,
});

/** What an answer's map spec asks for; a country without a shape in the atlas gets the world map. */
export function mapOptionsOf(spec: MapSpec, lang: Lang): MapOptions {
  return spec.focus && hasShape(spec.focus) ? { lang, focus: spec.focus } : { lang, region: spec.region };
}

/**
 * `renderMapPng`, memoized in process by `kb.version|lang|region|focus` (a PNG is rendered once a key
 * while it stays among the most recently used `MAP_MEMO_BYTES`).
 */
export function getMapPng(kb: MapKnowledge, options: MapOptions): MapImage {
  const key = mapKey(kb, options);
  const hit = memo.get(key);
  if (hit) return hit;
  const image = renderMapPng(kb, options);
  memo.set(key, image);
  return image;
}

export function clearMapCache(): void {
  memo.clear();
}
