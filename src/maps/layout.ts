/**
 * Where things go on the image: the regions, their projections, and the canvas layout. Exported so
 * tests (and anything placing overlays) can project a [lon, lat] to the same pixel the renderer uses.
 */
import { type GeoProjection, geoAzimuthalEqualArea, geoNaturalEarth1, geoPath } from 'd3-geo';
import type { MultiPoint } from 'geojson';
import { REGIONS, type Region } from '../core/vocabulary.js';
import { mainlandOf } from './atlas.js';

export { REGIONS, type Region };

export function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}

type Bbox = [[west: number, south: number], [east: number, north: number]];

interface RegionSpec {
  /** The area that must be visible, in degrees; the canvas may show more around it. */
  bbox: Bbox;
  /** Points that must be visible, when a box would take in too much (its corners are mostly sea). */
  points?: [number, number][];
  /** Image width, when the region is much taller than wide (default REGION_WIDTH). */
  width?: number;
  projection: () => GeoProjection;
}

const REGION_SPECS: Record<Region, RegionSpec> = {
  world: {
    bbox: [
      [-180, -56],
      [180, 84],
    ],
    projection: () => geoNaturalEarth1(),
  },
  europe: {
    bbox: [
      [-25, 30],
      [45, 71.5],
    ],
    // Iceland, Portugal, Gibraltar, Malta, Israel, the Caucasus, North Cape, northern Norway, Ireland.
    points: [
      [-24, 66],
      [-10, 37],
      [-6, 35],
      [14, 35],
      [35, 30],
      [44, 41],
      [42, 60],
      [28, 71],
      [15, 70],
      [-11, 54],
    ],
    projection: () => geoAzimuthalEqualArea().rotate([-12, -52]),
  },
  'middle-east': {
    bbox: [
      [-18, 11],
      [63, 43],
    ],
    projection: () => geoAzimuthalEqualArea().rotate([-22, -28]),
  },
  americas: {
    bbox: [
      [-170, -56],
      [-30, 72],
    ],
    // Alaska, the Canadian Arctic, Newfoundland, Brazil's tip, Cape Horn, the Pacific coast.
    points: [
      [-168, 65],
      [-150, 71],
      [-95, 74],
      [-62, 68],
      [-52, 47],
      [-35, -6],
      [-66, -56],
      [-76, -40],
      [-82, -5],
      [-112, 22],
      [-125, 40],
      [-165, 54],
    ],
    width: 960,
    projection: () => geoAzimuthalEqualArea().rotate([90, -10]),
  },
  'asia-pacific': {
    bbox: [
      [60, -48],
      [180, 55],
    ],
    projection: () => geoNaturalEarth1().rotate([-125, 0]),
  },
  africa: {
    bbox: [
      [-20, -36],
      [55, 38],
    ],
    projection: () => geoAzimuthalEqualArea().rotate([-17, -2]),
  },
};

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MapLayout {
  /** Image size in pixels. */
  width: number;
  height: number;
  /** The map panel on the image. */
  map: Rect;
  /** [lon, lat] → image pixel [x, y], clipped to the map panel. */
  projection: GeoProjection;
  /** The header band (title, subtitle) ends here; the legend starts below `map`. */
  headerHeight: number;
}

export interface LayoutOptions {
  region?: Region;
  /** ISO alpha-2 code: a locator map of that country instead of a region map. */
  focus?: string;
}

export const REGION_WIDTH = 1200;
export const FOCUS_WIDTH = 720;
const MARGIN = 24;
const REGION_HEADER = 104;
const REGION_FOOTER = 112;
const FOCUS_HEADER = 84;
const FOCUS_FOOTER = 40;
const FOCUS_MAP_HEIGHT = 420;
const MIN_MAP_HEIGHT = 500;
const MAX_MAP_HEIGHT = 800;

/** Points along the edges of a lon/lat box: fitting to them avoids spherical-polygon winding issues. */
function bboxOutline([[west, south], [east0, north]]: Bbox): MultiPoint {
  const east = east0 < west ? east0 + 360 : east0;
  const coordinates: [number, number][] = [];
  const steps = 24;
  for (let i = 0; i <= steps; i++) {
    const lon = west + ((east - west) * i) / steps;
    const lat = south + ((north - south) * i) / steps;
    coordinates.push([lon, south], [lon, north], [west, lat], [east, lat]);
  }
  return { type: 'MultiPoint', coordinates };
}

/** The box a focus map shows: the country's mainland with room around it, never less than ~10°. */
function focusBbox(code: string): { bbox: Bbox; centre: [number, number] } {
  const mainland = mainlandOf(code);
  if (!mainland) throw new RangeError(`no map shape for country "${code}"`);
  const [[west, south], [east0, north]] = mainland.bounds;
  const east = east0 < west ? east0 + 360 : east0;
  const lon = (west + east) / 2;
  const lat = (south + north) / 2;
  const cos = Math.max(0.2, Math.cos((lat * Math.PI) / 180));
  const span = Math.max((east - west) * cos, north - south);
  const half = Math.min(70, Math.max(5, span * 1.1));
  const centre: [number, number] = [lon > 180 ? lon - 360 : lon, lat];
  return {
    centre,
    bbox: [
      [lon - half / cos, Math.max(-85, lat - half)],
      [lon + half / cos, Math.min(85, lat + half)],
    ],
  };
}

/** The canvas and projection for a region map or a focus map (same inputs, same pixels, every time). */
export function mapLayout(options: LayoutOptions = {}): MapLayout {
  if (options.focus) {
    const { bbox, centre } = focusBbox(options.focus);
    const projection = geoAzimuthalEqualArea().rotate([-centre[0], -centre[1]]);
    const map = { x: MARGIN, y: FOCUS_HEADER, width: FOCUS_WIDTH - 2 * MARGIN, height: FOCUS_MAP_HEIGHT };
    fitTo(projection, map, bboxOutline(bbox));
    return {
      width: FOCUS_WIDTH,
      height: FOCUS_HEADER + map.height + FOCUS_FOOTER,
      map,
      projection,
      headerHeight: FOCUS_HEADER,
    };
  }
  const spec = REGION_SPECS[options.region ?? 'world'];
  const outline: MultiPoint = spec.points ? { type: 'MultiPoint', coordinates: spec.points } : bboxOutline(spec.bbox);
  const width = spec.width ?? REGION_WIDTH;
  const mapWidth = width - 2 * MARGIN;
  const probe = spec.projection().fitWidth(mapWidth, outline);
  const [[, top], [, bottom]] = geoPath(probe).bounds(outline);
  const natural = Math.ceil(bottom - top);
  const mapHeight = Math.min(MAX_MAP_HEIGHT, Math.max(MIN_MAP_HEIGHT, natural));
  const map = { x: MARGIN, y: REGION_HEADER, width: mapWidth, height: mapHeight };
  const projection = spec.projection();
  fitTo(projection, map, outline);
  return {
    width,
    height: REGION_HEADER + mapHeight + REGION_FOOTER,
    map,
    projection,
    headerHeight: REGION_HEADER,
  };
}

function fitTo(projection: GeoProjection, map: Rect, outline: MultiPoint): void {
  const pad = 6;
  projection.fitExtent(
    [
      [map.x + pad, map.y + pad],
      [map.x + map.width - pad, map.y + map.height - pad],
    ],
    outline,
  );
  projection.precision(1).clipExtent([
    [map.x, map.y],
    [map.x + map.width, map.y + map.height],
  ]);
}
