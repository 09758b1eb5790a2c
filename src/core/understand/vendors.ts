/**
 * Spyware vendors named in a message: their names and aliases from `data/vendors.json` ("Predator",
 * "Saito Tech", "Hacking Team"), in any case and with small typos ("intelexa", "candirou").
 * A vendor's name never resolves as a country and a country's name never as a vendor: the reader
 * drops country matches inside a vendor's name, and typos are only read in words that are neither
 * country names nor words of the corpus.
 */
import { distance } from 'fastest-levenshtein';
import { normalize, type Token } from '../text.js';
import type { VendorId } from '../vocabulary.js';
import { typoDistance } from './countries.js';

export interface VendorMatch {
  id: VendorId;
  /** The words of the message that named it. */
  matched: string;
  start: number;
  end: number;
  fuzzy: boolean;
}

export interface VendorNames {
  id: VendorId;
  name: string;
  aliases: readonly string[];
}

export interface VendorSuggestion {
  id: VendorId;
  name: string;
  /** The alias typed, when the user typed one ("predator" for Intellexa). */
  alias: string | null;
}

/** A typo is read only in words this long or longer ("sandvin", "intelexa"), at most one letter off. */
const FUZZY_MIN = 6;

export class VendorIndex {
  private readonly exact = new Map<string, VendorId>();
  /** Longest alias (in words) starting with a word. */
  private readonly firstWords = new Map<string, number>();
  private readonly singles: { norm: string; id: VendorId }[] = [];
  private readonly offered: { norm: string; id: VendorId; alias: string | null }[] = [];
  private readonly names = new Map<VendorId, string>();
  private readonly memo = new Map<string, VendorId | null>();

  /** `isCountryWord`: a word that names a country alone, never read as a vendor's typo. */
  constructor(
    vendors: readonly VendorNames[],
    private readonly isCountryWord: (norm: string) => boolean,
  ) {
    for (const v of vendors) {
      this.names.set(v.id, v.name);
      const all = new Set([normalize(v.name), normalize(v.id.replace(/_/g, ' ')), ...v.aliases.map(normalize)]);
      for (const norm of all) {
        if (!norm) continue;
        const owner = this.exact.get(norm);
        if (owner && owner !== v.id) throw new Error(`vendor name "${norm}" is used by ${owner} and ${v.id}`);
        this.exact.set(norm, v.id);
        const words = norm.split(' ');
        const first = words[0] as string;
        this.firstWords.set(first, Math.max(this.firstWords.get(first) ?? 0, words.length));
        if (words.length === 1 && norm.length >= FUZZY_MIN) this.singles.push({ norm, id: v.id });
        this.offered.push({ norm, id: v.id, alias: norm === normalize(v.name) ? null : norm });
      }
    }
  }

  nameOf(id: VendorId): string {
    return this.names.get(id) ?? id;
  }

  /** The vendor an id or a whole name stands for ("paragon", "memento_labs", "Hacking Team"). */
  byName(text: string): VendorId | undefined {
    return this.exact.get(normalize(text.replace(/_/g, ' ')));
  }

  /**
   * The vendors a message names, in order, each once. `known`: words of the corpus, which are
   * never read as typos of a vendor's name.
   */
  resolve(text: string, tokens: readonly Token[], known: ReadonlySet<string>): VendorMatch[] {
    const found: VendorMatch[] = [];
    const seen = new Set<VendorId>();
    for (let i = 0; i < tokens.length; ) {
      const token = tokens[i] as Token;
      const longest = Math.min(this.firstWords.get(token.norm) ?? 1, tokens.length - i);
      let hit: { id: VendorId; n: number; fuzzy: boolean } | undefined;
      for (let n = longest; n >= 1 && !hit; n--) {
        let key = token.norm;
        for (let k = 1; k < n; k++) key += ` ${(tokens[i + k] as Token).norm}`;
        const id = this.exact.get(key);
        if (id) hit = { id, n, fuzzy: false };
      }
      if (!hit) {
        const id = this.close(token.norm, known);
        if (id) hit = { id, n: 1, fuzzy: true };
      }
      if (hit) {
        const end = (tokens[i + hit.n - 1] as Token).end;
        if (!seen.has(hit.id)) {
          seen.add(hit.id);
          found.push({ id: hit.id, matched: text.slice(token.start, end), start: token.start, end, fuzzy: hit.fuzzy });
        }
        i += hit.n;
      } else i += 1;
    }
    return found;
  }

  /** The one vendor name a word is a small typo of, or null. */
  private close(norm: string, known: ReadonlySet<string>): VendorId | null {
    if (norm.length < FUZZY_MIN || /\d/.test(norm) || known.has(norm)) return null;
    const memo = this.memo.get(norm);
    if (memo !== undefined) return memo;
    let result: VendorId | null = null;
    if (!this.isCountryWord(norm)) {
      const hits = new Set(this.singles.filter((s) => typoDistance(norm, s.norm) <= 1).map((s) => s.id));
      if (hits.size === 1) result = [...hits][0] as VendorId;
    }
    if (this.memo.size > 5000) this.memo.clear();
    this.memo.set(norm, result);
    return result;
  }

  /** Vendors for an autocomplete box, best first: names and aliases that start with, contain or resemble what was typed. */
  suggest(query: string, limit: number): VendorSuggestion[] {
    const norm = normalize(query);
    const best = new Map<VendorId, { rank: number; alias: string | null }>();
    const keep = (id: VendorId, rank: number, alias: string | null) => {
      const old = best.get(id);
      if (!old || old.rank > rank) best.set(id, { rank, alias });
    };
    for (const { norm: name, id, alias } of this.offered) {
      if (!norm) keep(id, alias ? 9 : 5, null);
      else if (name === norm) keep(id, 0, alias);
      else if (name.startsWith(norm)) keep(id, 1, alias);
      else if (name.includes(` ${norm}`)) keep(id, 2, alias);
      else if (norm.length >= 4 && distance(norm, name.slice(0, norm.length)) <= 1) keep(id, 3, alias);
    }
    return [...best]
      .sort((a, b) => a[1].rank - b[1].rank || this.nameOf(a[0]).localeCompare(this.nameOf(b[0])))
      .slice(0, limit)
      .map(([id, { alias }]) => ({ id, name: this.nameOf(id), alias }));
  }
}
