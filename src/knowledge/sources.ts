/**
 * Rules about source URLs, driven by `data/sources.json`: tracking parameters are removed, hosts are
 * ranked into tiers and some hosts are denied. Pure functions; `load.ts` applies them.
 */
import type { SourcePolicy } from './schema.js';

/** Whether a query parameter's name is one of `names` (`utm_*` matches every name starting `utm_`). */
function isTracking(name: string, names: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return names.some((n) =>
    n.endsWith('*') ? lower.startsWith(n.slice(0, -1).toLowerCase()) : lower === n.toLowerCase(),
  );
}

/**
 * `url` without the query parameters named in `names`. Everything else is kept byte for byte (no
 * re-encoding, the other parameters in their order, the fragment); a query left empty goes with its `?`.
 */
export function cleanUrl(url: string, names: readonly string[]): string {
  const hashAt = url.indexOf('#');
  const fragment = hashAt >= 0 ? url.slice(hashAt) : '';
  const rest = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = rest.indexOf('?');
  if (queryAt < 0) return url;
  const kept = rest
    .slice(queryAt + 1)
    .split('&')
    .filter((pair) => {
      if (pair === '') return false;
      const eq = pair.indexOf('=');
      const raw = eq >= 0 ? pair.slice(0, eq) : pair;
      let name = raw;
      try {
        name = decodeURIComponent(raw.replace(/\+/g, ' '));
      } catch {
        // A malformed escape is kept as written: it is not one of ours.
      }
      return !isTracking(name, names);
    });
  return `${rest.slice(0, queryAt)}${kept.length > 0 ? `?${kept.join('&')}` : ''}${fragment}`;
}

/** The host of `url`, lower case, without a leading `www.`. */
export function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
}

/** Whether `host` is one of `hosts` or a subdomain of one. */
export function hostIn(host: string, hosts: readonly string[]): boolean {
  return hosts.some((h) => host === h || host.endsWith(`.${h}`));
}

/** Tier names, best first; a host in no tier ranks between `reputable` and `weak`. */
export const TIER_ORDER = ['primary', 'reputable', 'other', 'weak'] as const;
export type Tier = (typeof TIER_ORDER)[number];

export function tierOf(url: string, policy: SourcePolicy): Tier {
  const host = hostOf(url);
  if (hostIn(host, policy.tiers.primary)) return 'primary';
  if (hostIn(host, policy.tiers.reputable)) return 'reputable';
  if (hostIn(host, policy.tiers.weak)) return 'weak';
  return 'other';
}

/** Rank of a tier: lower is better. */
export function tierRank(tier: Tier): number {
  return TIER_ORDER.indexOf(tier);
}
