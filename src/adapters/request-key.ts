/**
 * Buttons under an answer ("Sources", the other language) must say which request to run again. A key
 * rebuilt from the answer itself does that in a few bytes, survives restarts, works on any instance
 * and never carries user text: `c:MA,MX` (countries), `n:pegasus` (NSO topic), `m:europe` (map),
 * `mc:MA` (a country's locator map), `l`, `r`, `s`, `h`.
 */
import { type Answer, flagOf, REGIONS, type Request, TOPICS } from '../core/index.js';

const SIMPLE = { l: 'list_allowed', r: 'list_removed', s: 'sources', h: 'help' } as const;

/** The key of the request that gives `answer` again; undefined when no request does (unknown words, NSO about a country). */
export function requestKey(answer: Answer): string | undefined {
  switch (answer.intent) {
    case 'country_status':
      return answer.countries.length > 0 ? `c:${answer.countries.map((c) => c.code).join(',')}` : undefined;
    case 'nso':
      return answer.countries.length === 0 ? `n:${answer.topic ?? 'overview'}` : undefined;
    case 'map':
      return answer.map?.focus ? mapKey(answer.map.focus) : `m:${answer.map?.region ?? 'world'}`;
    case 'list_allowed':
      return 'l';
    case 'list_removed':
      return 'r';
    case 'sources':
      return 's';
    case 'help':
      return 'h';
    case 'unknown':
      return undefined;
  }
}

/** The key of a country's locator map (the "Map" button under a country answer). */
export function mapKey(code: string): string {
  return `mc:${code}`;
}

/** The request a key stands for; undefined for a key this version does not know (old or forged). */
export function requestFromKey(key: string): Request | undefined {
  if (key.startsWith('c:')) {
    const codes = key.slice(2).split(',');
    if (!codes.every((c) => /^[A-Z]{2}$/.test(c))) return undefined;
    // Flags resolve unambiguously, where a code such as "IN" reads as a word.
    return { intent: 'country_status', country: codes.map(flagOf).join(' ') };
  }
  if (key.startsWith('mc:')) {
    const code = key.slice(3);
    return /^[A-Z]{2}$/.test(code) ? { intent: 'map', country: flagOf(code) } : undefined;
  }
  if (key.startsWith('m:')) {
    const region = REGIONS.find((r) => r === key.slice(2));
    return region ? { intent: 'map', region } : undefined;
  }
  if (key.startsWith('n:')) {
    const topic = TOPICS.find((t) => t === key.slice(2));
    return topic ? { intent: 'nso', topic } : undefined;
  }
  const intent = SIMPLE[key as keyof typeof SIMPLE];
  return intent ? { intent } : undefined;
}
