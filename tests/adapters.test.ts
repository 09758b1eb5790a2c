/**
 * What a user sees of every kind of answer, on every platform (issue 11): the first line is the
 * answer's title; the short answer fits a chat; no URL carries a tracking parameter; a source shows
 * its title and date only where the data has them; every adapter phrase comes from the locale files.
 * The emulator tests (telegram.test.ts, discord.test.ts) cover the same over real clients.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { actionsFor } from '../src/adapters/actions.js';
import { Conversation, runChat } from '../src/adapters/console/chat.js';
import { renderPlain } from '../src/adapters/console/render.js';
import { escapeText, renderDiscord } from '../src/adapters/discord/render.js';
import { renderSources, renderTelegram } from '../src/adapters/telegram/render.js';
import { type Answer, createCore, type Lang, type Query, queryOf, TOPICS } from '../src/core/index.js';
import { formatDate, phraseIds, t } from '../src/i18n/index.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { parseTelegramHtml } from './emulators/telegram-api.js';

const core = createCore(loadKnowledge());

const QUESTIONS: Record<Lang, string[]> = {
  en: [
    'Is Morocco allowed?',
    'Is India allowed?',
    'Can Israeli firms sell spyware to France?',
    'Is the UAE allowed?',
    'Hungary?',
    'India and Mexico?',
    'Which countries are on the list?',
    'Which countries were removed?',
    'What happened with NSO?',
    'Who owns NSO now?',
    'How much did WhatsApp win?',
    'sources?',
    'help',
    'map of Europe',
    'Congo',
    'asdf qwerty banana',
  ],
  fr: [
    'Le Maroc est-il autorisé ?',
    'Et l’Inde ?',
    'La Hongrie ?',
    'Les Émirats arabes unis ?',
    'Quels pays sont sur la liste ?',
    'Quels pays ont été retirés ?',
    'Que s’est-il passé avec NSO ?',
    'Combien WhatsApp a-t-il obtenu ?',
    'aide',
    'carte de l’Europe',
  ],
};

/** Every question above, and every NSO topic and list in both languages, as the Queries they read as. */
function queries(): Query[] {
  const list: Query[] = [];
  for (const lang of ['en', 'fr'] as const) {
    for (const q of QUESTIONS[lang]) list.push(core.understand(q, { hint: lang }));
    for (const topic of TOPICS) list.push(queryOf('nso', lang, { topic }));
    list.push(queryOf('list_allowed', lang), queryOf('list_removed', lang), queryOf('sources', lang));
    for (const code of ['MA', 'IN', 'MX', 'AE', 'SA', 'HU', 'FR', 'US', 'RW', 'IL']) {
      list.push(queryOf('country_status', lang, { countries: [code] }));
    }
  }
  return list;
}
const ALL = queries().map((query) => ({ query, answer: core.answer(query) }));

/** What a reader sees of Discord markdown: link labels without their URLs, no escapes, no emphasis marks. */
function discordVisible(markdown: string): string {
  return markdown
    .replace(/\[((?:\\.|[^\]\\])*)\]\([^)\s]*\)/g, '$1')
    .replace(/(?<!\\)\*+/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/\u200b/g, '');
}

/** The short answer as each platform shows it: visible characters, not markup. */
function seenOn(answer: Answer, query: Query): Record<'telegram' | 'discord' | 'console', string> {
  const [embed] = renderDiscord(answer, query).embeds;
  return {
    telegram: renderTelegram(answer, { query, bot: 'cyberexport_bot' }).map(parseTelegramHtml).join('\n\n'),
    discord: `${discordVisible(embed?.title ?? '')}\n${discordVisible(embed?.description ?? '')}`,
    console: renderPlain(answer, query),
  };
}

describe('every answer, on every platform', () => {
  test('the first line is the answer’s title', () => {
    for (const { query, answer } of ALL) {
      if (query.aspect === 'sources') continue;
      for (const [platform, text] of Object.entries(seenOn(answer, query))) {
        expect(text.split('\n')[0], `${platform}: ${query.question}`).toBe(answer.title);
      }
      expect(renderDiscord(answer, query).embeds[0]?.title).toBe(escapeText(answer.title));
    }
  });

  test('the short answer ends with the dates line, when there is one, then one line of sources', () => {
    for (const { query, answer } of ALL) {
      if (query.aspect !== null || answer.sources.length === 0) continue;
      for (const text of Object.values(seenOn(answer, query))) {
        const lines = text.split('\n');
        const sources = lines.at(-1) as string;
        expect(sources.startsWith(t(answer.lang, 'sources-label'))).toBe(true);
        const named = answer.sources.slice(0, 3).map((s) => s.publisher);
        expect(sources).toBe(`${t(answer.lang, 'sources-label')} ${named.join(' · ')}`);
        if (answer.reportedOn || answer.reviewedOn)
          expect(lines.at(-2)).toMatch(
            /^(Reported|Sources checked|No change|Rapporté|Sources vérifiées|Aucun changement)/,
          );
      }
    }
  });

  test('short answers fit a chat: ≤ 600 characters for a country, ≤ 900 for NSO or a list', () => {
    const tooLong: string[] = [];
    for (const { query, answer } of ALL) {
      if (query.aspect !== null) continue;
      const oneCountry = answer.intent === 'country_status' && answer.countries.length === 1;
      const limit = oneCountry
        ? 600
        : ['nso', 'list_allowed', 'list_removed'].includes(answer.intent)
          ? 900
          : undefined;
      if (limit === undefined) continue;
      for (const [platform, text] of Object.entries(seenOn(answer, query))) {
        if (text.length > limit) tooLong.push(`${platform} ${answer.lang} ${answer.title}: ${text.length} > ${limit}`);
      }
    }
    expect(tooLong).toEqual([]);
  });

  test('no URL of any answer, in the data or as rendered, carries a tracking parameter', () => {
    const tracking = /[?&](utm_[a-z_]*|fbclid|gclid|mc_cid|mc_eid|rl|cache|ref_src)=/i;
    for (const { query, answer } of ALL) {
      const rendered = [
        ...renderTelegram(answer, { query }),
        ...renderSources(answer),
        JSON.stringify(renderDiscord(answer, query)),
        JSON.stringify(renderDiscord(answer, { ...query, aspect: 'sources' })),
        renderPlain(answer, { ...query, aspect: 'sources' }),
      ].join('\n');
      for (const s of answer.sources) expect(s.url, answer.title).not.toMatch(tracking);
      const urls = rendered.match(/https?:\/\/[^\s"'<>)\]]+/g) ?? [];
      expect(urls.length).toBeGreaterThanOrEqual(answer.sources.length > 0 ? 1 : 0);
      for (const url of urls) expect(url, answer.title).not.toMatch(tracking);
    }
  });

  test('each source listed shows the title and date the data has, and nothing where the data has none', () => {
    const base = core.answer(queryOf('country_status', 'en', { countries: ['MA'] }));
    const query = queryOf('country_status', 'en', { countries: ['MA'], aspect: 'sources' });
    const known = { publisher: 'Haaretz', url: 'https://www.haaretz.com/a', title: 'A headline', date: '2021-11-25' };
    const unknown = { publisher: 'Globes', url: 'https://www.globes.co.il/b', title: null, date: null };
    const month = { publisher: 'Le Monde', url: 'https://www.lemonde.fr/c', title: null, date: '2021-11' };
    const firstThree = ['a', 'b', 'c'].map((x) => ({ ...known, publisher: x, url: `https://example.org/${x}` }));
    const answer = { ...base, sources: [...firstThree, known, unknown, month] } as unknown as Answer;
    const telegram = parseTelegramHtml(renderSources(answer).join('\n'));
    const discord = discordVisible(renderDiscord(answer, query).embeds[0]?.description ?? '');
    const plain = renderPlain(answer, query);
    for (const text of [telegram, discord]) {
      expect(text).toContain('• Haaretz, 25 Nov 2021: A headline');
      expect(text).toMatch(/• Globes$/m);
      expect(text).toMatch(/• Le Monde, Nov 2021$/m);
      expect(text).not.toMatch(/null|undefined|1 Jan|01-01/);
    }
    expect(plain).toContain('  - Globes <https://www.globes.co.il/b>');
    expect(plain).toContain('  - Le Monde, Nov 2021 <https://www.lemonde.fr/c>');
  });

  test('the sources of real answers are described from the data: its date and title where it has them', () => {
    for (const { query, answer } of ALL) {
      if (answer.sources.length <= 3) continue;
      const listed = parseTelegramHtml(renderSources(answer).join('\n'));
      for (const s of answer.sources.slice(3)) {
        const label = s.date ? `${s.publisher}, ${formatDate(s.date, answer.lang)}` : s.publisher;
        expect(listed, `${query.question}`).toContain(`• ${label}${s.title ? `: ${s.title}` : ''}`);
      }
    }
  });
});

describe('phrases', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  const adapterIds = (lang: Lang) =>
    readFileSync(`locales/${lang}/adapters.ftl`, 'utf8')
      .split('\n')
      .map((l) => /^([a-z][\w-]*) =/.exec(l)?.[1])
      .filter((id): id is string => id !== undefined);

  test('every adapter phrase is in both locale files, and none is written in the code', () => {
    expect(adapterIds('fr')).toEqual(adapterIds('en'));
    expect(phraseIds('en')).toEqual(expect.arrayContaining(adapterIds('en')));
    // The code without its comments (examples in doc comments may quote a phrase).
    const uncommented = (f: string) =>
      readFileSync(f, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
    const code = [...files('src/adapters'), 'src/infra/rate-limit.ts'].map(uncommented);
    for (const lang of ['en', 'fr'] as const) {
      for (const id of adapterIds(lang)) {
        const text = t(lang, id, { page: 1, count: 2, example: 'x', bot: 'b', command: 'c', option: 'o', path: 'p' });
        if (text.length < 12) continue;
        for (const source of code) expect(source, `${lang} ${id}`).not.toContain(text);
      }
    }
  });

  test('French phrases use the typographic apostrophe and a non-breaking space before : ; ? !', () => {
    for (const id of adapterIds('fr')) {
      const text = t('fr', id, { page: 1, count: 2, example: 'x', bot: 'b', command: 'c', option: 'o', path: 'p' });
      expect(text, id).not.toMatch(/'/);
      expect(text, id).not.toMatch(/ [:;?!]/);
      expect(text, id).not.toMatch(/« | »/);
    }
  });

  test('a French answer’s buttons and frame come from the French locale file', () => {
    const query = queryOf('country_status', 'fr', { countries: ['MA'] });
    const answer = core.answer(query);
    const labels = actionsFor(answer, query).map((a) => a.label);
    expect(labels).toEqual([t('fr', 'button-sources'), t('fr', 'button-more'), 'English', t('fr', 'button-map')]);
    expect(labels).toEqual(['Sources', 'Plus', 'English', 'Carte']);
    const [html] = renderTelegram(answer, { query });
    expect(
      parseTelegramHtml(html ?? '')
        .split('\n')
        .at(-1),
    ).toMatch(/^Sources\u00a0: /);
  });
});

describe('the terminal chat', () => {
  test('“more” after an answer prints its details; “plus” does in French', () => {
    const chat = new Conversation(core);
    const first = chat.turn('Is Morocco allowed?');
    const more = chat.turn('more');
    expect(more.query.aspect).toBe('more');
    expect(renderPlain(more.answer, more.query)).toContain(first.answer.pages[0]?.slice(0, 200) ?? '');
    const french = new Conversation(core);
    const maroc = french.turn('Le Maroc est-il autorisé ?');
    const plus = french.turn('plus');
    expect(plus.query).toMatchObject({ aspect: 'more', lang: 'fr' });
    expect(renderPlain(plus.answer, plus.query)).toContain(maroc.answer.pages[0]?.slice(0, 200) ?? '');
  });

  test('a piped conversation prints each answer, the help with every command', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
    });
    const done = runChat(core, undefined, input, output);
    input.end('/help\nIs Morocco allowed?\nmore\n');
    await done;
    const blocks = printed.split('\n\n\n');
    expect(printed).toContain('Commands:\n  /allowed — ');
    expect(printed).toContain('(e.g. /allowed Morocco)');
    expect(blocks.length).toBeGreaterThanOrEqual(1);
    expect(printed).toContain(core.answer(queryOf('country_status', 'en', { countries: ['MA'] })).title);
  });
});
