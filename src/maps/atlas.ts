/**
 * Country shapes from Natural Earth (`world-atlas`, 1:50m), read once, lazily, from node_modules.
 * The atlas ids are ISO 3166-1 numeric codes; each shape gets its alpha-2 code (or null for the few
 * shapes without one: Kosovo, Northern Cyprus, Somaliland, Siachen Glacier, Indian Ocean Territories).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoArea, geoBounds, geoCentroid } from 'd3-geo';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
// The library alone (ISO codes): the package's main entry would also load its 78 languages of names.
import countries from 'i18n-iso-countries/index.js';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const require = createRequire(import.meta.url);

export type CountryGeometry = Polygon | MultiPolygon;

type Topo = Topology<{ countries: GeometryCollection<{ name: string }> }>;
type TopoGeometry = Topo['objects']['countries']['geometries'][number];

/** One country shape; its GeoJSON is decoded from the topology on first use only. */
export class CountryShape {
  private decoded?: Feature<CountryGeometry>;
  private extent?: [[number, number], [number, number]];

  constructor(
    /** ISO 3166-1 alpha-2 code, or null when the atlas gives the shape no ISO code. */
    readonly code: string | null,
    /** The Natural Earth name (English), for debugging only. */
    readonly name: string,
    private readonly topo: Topo,
    private readonly geometry: TopoGeometry,
  ) {}

  get feature(): Feature<CountryGeometry> {
    this.decoded ??= feature(this.topo, this.geometry) as Feature<CountryGeometry>;
    return this.decoded;
  }

  /** Plain min/max of the coordinates, [[west, south], [east, north]], for culling (shapes are cut at ±180°). */
  get box(): [[number, number], [number, number]] {
    this.extent ??= boxOf(this.feature.geometry);
    return this.extent;
  }
}

/** The largest polygon of a country: its mainland, for centring and bounds (France without Guiana). */
export interface Mainland {
  polygon: Feature<Polygon>;
  /** [lon, lat] centroid of the mainland. */
  centroid: [number, number];
  /** [[west, south], [east, north]]; east may be less than west across the antimeridian. */
  bounds: [[number, number], [number, number]];
}

export interface Atlas {
  shapes: CountryShape[];
  /** Shapes by alpha-2 code (a code may have several shapes in the atlas, e.g. Australia). */
  byCode: Map<string, CountryShape[]>;
}

export type Resolution = '50m' | '110m';

const atlases = new Map<Resolution, Atlas>();
let worldAtlas: Atlas | undefined;
const mainlands = new Map<string, Mainland | null>();

/** Antarctica: left out of every map (it only takes room). */
const ANTARCTICA = 'AQ';

function boxOf(geometry: CountryGeometry): [[number, number], [number, number]] {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons)
    for (const ring of polygon)
      for (const [lon = 0, lat = 0] of ring) {
        if (lon < west) west = lon;
        if (lon > east) east = lon;
        if (lat < south) south = lat;
        if (lat > north) north = lat;
      }
  return [
    [west, south],
    [east, north],
  ];
}

/** Natural Earth countries at 1:50m (default: zoomed maps) or 1:110m (lighter, for the world map). */
export function loadAtlas(resolution: Resolution = '50m'): Atlas {
  const known = atlases.get(resolution);
  if (known) return known;
  const path = require.resolve(`world-atlas/countries-${resolution}.json`);
  const topo = JSON.parse(readFileSync(path, 'utf8')) as Topo;
  const shapes: CountryShape[] = [];
  const byCode = new Map<string, CountryShape[]>();
  for (const g of topo.objects.countries.geometries) {
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') continue;
    const id = g.id === undefined ? undefined : String(g.id);
    const code = id ? (countries.numericToAlpha2(id) ?? null) : null;
    if (code === ANTARCTICA) continue;
    const shape = new CountryShape(code, g.properties?.name ?? '', topo, g);
    shapes.push(shape);
    if (code) byCode.set(code, [...(byCode.get(code) ?? []), shape]);
  }
  const atlas = { shapes, byCode };
  atlases.set(resolution, atlas);
  return atlas;
}

/**
 * The world map's shapes: 1:110m, plus the 1:50m shapes of the countries 1:110m leaves out (Malta,
 * Liechtenstein, small island states), so every country is still drawn.
 */
export function loadWorldAtlas(): Atlas {
  if (worldAtlas) return worldAtlas;
  const coarse = loadAtlas('110m');
  const fine = loadAtlas('50m');
  const shapes = [...coarse.shapes];
  const byCode = new Map(coarse.byCode);
  for (const [code, extra] of fine.byCode) {
    if (byCode.has(code)) continue;
    shapes.push(...extra);
    byCode.set(code, extra);
  }
  worldAtlas = { shapes, byCode };
  return worldAtlas;
}

/** Forgets the parsed atlases and the derived tables (benchmarks measure a cold start with it). */
export function resetAtlas(): void {
  atlases.clear();
  worldAtlas = undefined;
  mainlands.clear();
}

/** Whether the atlas has a shape for this alpha-2 code. */
export function hasShape(code: string): boolean {
  return loadAtlas().byCode.has(code.toUpperCase());
}

/** The largest polygon of a country, or null when the atlas has no shape for it. */
export function mainlandOf(code: string): Mainland | null {
  const key = code.toUpperCase();
  const known = mainlands.get(key);
  if (known !== undefined) return known;
  let best: Feature<Polygon> | undefined;
  let bestArea = -1;
  for (const shape of loadAtlas().byCode.get(key) ?? []) {
    const g = shape.feature.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const coordinates of polygons) {
      const polygon: Feature<Polygon> = {
        type: 'Feature',
        properties: {},
        geometry: { type: 'Polygon', coordinates },
      };
      const area = geoArea(polygon);
      if (area > bestArea) {
        bestArea = area;
        best = polygon;
      }
    }
  }
  const result: Mainland | null = best ? { polygon: best, centroid: geoCentroid(best), bounds: geoBounds(best) } : null;
  mainlands.set(key, result);
  return result;
}
