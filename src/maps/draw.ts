/**
 * Projects country shapes to SVG path data in one pass each, measuring the projected area and bounds
 * along the way (no second or third projection for `geoPath.area`/`bounds`), dropping points closer
 * than about half a pixel to the previous one, and skipping shapes that lie wholly outside the view.
 */
import { type GeoStream, geoClipRectangle, geoStream } from 'd3-geo';
import type { CountryShape } from './atlas.js';
import type { MapLayout } from './layout.js';

export interface Drawn {
  code: string | null;
  /** SVG path data, empty when nothing of the shape is on the map. */
  d: string;
  /** Projected area in px². */
  area: number;
  /** Projected bounds [[x0, y0], [x1, y1]]. */
  bounds: [[number, number], [number, number]];
}

const round = (n: number) => Math.round(n * 10) / 10;

class PathSink implements GeoStream {
  parts: string[] = [];
  area = 0;
  x0 = Infinity;
  y0 = Infinity;
  x1 = -Infinity;
  y1 = -Infinity;
  private inPolygon = false;
  private polygonArea = 0;
  private ring: number[] = [];

  polygonStart(): void {
    this.inPolygon = true;
    this.polygonArea = 0;
  }

  polygonEnd(): void {
    this.inPolygon = false;
    this.area += Math.abs(this.polygonArea);
  }

  lineStart(): void {
    this.ring.length = 0;
  }

  point(x: number, y: number): void {
    const ring = this.ring;
    const n = ring.length;
    if (n >= 2 && Math.abs(x - (ring[n - 2] ?? 0)) + Math.abs(y - (ring[n - 1] ?? 0)) < 0.9) return;
    ring.push(x, y);
  }

  lineEnd(): void {
    const ring = this.ring;
    const n = ring.length;
    if (n < (this.inPolygon ? 6 : 4)) return;
    let d = `M${round(ring[0] ?? 0)},${round(ring[1] ?? 0)}`;
    let twiceArea = 0;
    for (let i = 0; i < n; i += 2) {
      const x = ring[i] ?? 0;
      const y = ring[i + 1] ?? 0;
      if (i > 0) d += `L${round(x)},${round(y)}`;
      const nx = ring[(i + 2) % n] ?? 0;
      const ny = ring[(i + 3) % n] ?? 0;
      twiceArea += x * ny - nx * y;
      if (x < this.x0) this.x0 = x;
      if (x > this.x1) this.x1 = x;
      if (y < this.y0) this.y0 = y;
      if (y > this.y1) this.y1 = y;
    }
    if (this.inPolygon) {
      d += 'Z';
      this.polygonArea += twiceArea / 2;
    }
    this.parts.push(d);
  }

  sphere(): void {}
}

type Window = { west: number; east: number; south: number; north: number } | null;

/** The lon/lat window the map panel shows (null: do not cull), found by inverting its border. */
function visibleWindow(layout: MapLayout): Window {
  const { projection, map } = layout;
  if (!projection.invert) return null;
  const centre = -(projection.rotate()[0] ?? 0);
  const unwrap = (lon: number) => centre + ((((lon - centre + 540) % 360) + 360) % 360) - 180;
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  const steps = 40;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const points: [number, number][] = [
      [map.x + t * map.width, map.y],
      [map.x + t * map.width, map.y + map.height],
      [map.x, map.y + t * map.height],
      [map.x + map.width, map.y + t * map.height],
    ];
    for (const p of points) {
      const ll = projection.invert(p);
      if (!ll || !Number.isFinite(ll[0]) || !Number.isFinite(ll[1])) return null;
      // An inverse that does not project back to the same pixel is outside the projection's domain.
      const back = projection(ll);
      if (!back || Math.abs(back[0] - p[0]) > 1 || Math.abs(back[1] - p[1]) > 1) return null;
      const lon = unwrap(ll[0]);
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, ll[1]);
      north = Math.max(north, ll[1]);
    }
  }
  const inPanel = (p: [number, number] | null) =>
    !!p && p[0] >= map.x && p[0] <= map.x + map.width && p[1] >= map.y && p[1] <= map.y + map.height;
  if (inPanel(projection([centre, 90]))) return { west: -Infinity, east: Infinity, south, north: 90 };
  if (inPanel(projection([centre, -90]))) return { west: -Infinity, east: Infinity, south: -90, north };
  const margin = 2;
  return { west: west - margin, east: east + margin, south: south - margin, north: north + margin };
}

function overlaps(shape: CountryShape, w: NonNullable<Window>): boolean {
  const [[west, south], [east, north]] = shape.box;
  if (south > w.north || north < w.south) return false;
  for (const shift of [-360, 0, 360]) if (west + shift <= w.east && east + shift >= w.west) return true;
  return false;
}

/**
 * Projects point by point and clips to the map panel in the plane, skipping d3's spherical clipping
 * and resampling (several times slower, and not needed for dense 1:50m shapes on the projections used
 * here). Returns false when a point lands far off the map, or a ring jumps across the projection's cut
 * (the antimeridian of a rotated world projection): only spherical clipping gives a correct shape there.
 */
function streamFast(shape: CountryShape, layout: MapLayout, sink: PathSink): boolean {
  const { projection, map } = layout;
  const limit = 4 * Math.max(map.width, map.height);
  const jump = 0.4 * Math.max(map.width, map.height);
  const clip = geoClipRectangle(map.x, map.y, map.x + map.width, map.y + map.height)(sink);
  const g = shape.feature.geometry;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const point: [number, number] = [0, 0];
  for (const polygon of polygons) {
    clip.polygonStart?.();
    for (const ring of polygon) {
      clip.lineStart?.();
      let px = Number.NaN;
      let py = Number.NaN;
      // GeoJSON rings repeat their first point at the end; d3 streams leave it out, so do we.
      for (let i = 0; i < ring.length - 1; i++) {
        const p = ring[i] as [number, number];
        point[0] = p[0];
        point[1] = p[1];
        const xy = projection(point);
        if (!xy || !(Math.abs(xy[0]) < limit && Math.abs(xy[1]) < limit)) return false;
        // A long jump between neighbouring points: the ring crosses the projection's cut.
        if (Math.abs(xy[0] - px) > jump || Math.abs(xy[1] - py) > jump) return false;
        px = xy[0];
        py = xy[1];
        clip.point(xy[0], xy[1]);
      }
      clip.lineEnd?.();
    }
    clip.polygonEnd?.();
  }
  return true;
}

/** Projects the shapes onto the layout; shapes entirely off the map are left out. */
export function drawShapes(layout: MapLayout, shapes: CountryShape[], cull: boolean): Drawn[] {
  const window = cull ? visibleWindow(layout) : null;
  const drawn: Drawn[] = [];
  for (const shape of shapes) {
    if (window && !overlaps(shape, window)) continue;
    let sink = new PathSink();
    if (!streamFast(shape, layout, sink)) {
      // A point projected off to infinity (near the antipode): let d3 clip on the sphere.
      sink = new PathSink();
      geoStream(shape.feature, layout.projection.stream(sink));
    }
    if (sink.parts.length === 0) continue;
    drawn.push({
      code: shape.code,
      d: sink.parts.join(''),
      area: sink.area,
      bounds: [
        [sink.x0, sink.y0],
        [sink.x1, sink.y1],
      ],
    });
  }
  return drawn;
}
