/**
 * The Discord renderer and button ids alone: whatever the answer, the payload stays within Discord's
 * limits, no text in it can turn into markup, and every button id reads back to what it was made from.
 */
import { describe, expect, test } from 'vitest';
import { actionsFor } from '../src/adapters/actions.js';
import { discordCommands } from '../src/adapters/discord/commands.js';
import { actionOfCustomId, customIdOf } from '../src/adapters/discord/custom-id.js';
import { renderDiscord, withMapImage } from '../src/adapters/discord/render.js';
import { type Answer, createCore, queryOf } from '../src/core/index.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { commandErrors, messageErrors } from './emulators/discord-fake.js';

const core = createCore(loadKnowledge());

function oversized(): Answer {
  const paragraph = '**Bold** _it_ [x](https://evil.example) @everyone <@123> # h\n• item '.repeat(40);
  return {
    question: 'q',
    lang: 'en',
    intent: 'country_status',
    countries: [{ code: 'MA', name: 'Morocco', flag: '🇲🇦', status: 'removed', matched: 'Morocco' }],
    topic: null,
    title: `🇲🇦 Morocco ${'*'.repeat(300)}`,
    text: Array.from({ length: 6 }, () => paragraph).join('\n\n'),
    details: 'More about Morocco.',
    pages: ['More about Morocco.'],
    sources: Array.from({ length: 40 }, (_, i) => ({
      title: `Source ${i} [with] **brackets** ${'t'.repeat(200)}`,
      publisher: 'Publisher (x)',
      url: `https://example.com/${i}/a_(b)?q=${'u'.repeat(150)}`,
      date: '2021-11-25',
    })),
    asOf: '2021-11-25',
    reportedOn: '2021-11-25',
    reviewedOn: '2026-05',
    vendors: [],
  };
}

const morocco = queryOf('country_status', 'en', { countries: ['MA'] });

// biome-ignore lint/suspicious/noExplicitAny: JSON components as rendered
const buttonsOf = (message: { components: { components: any[] }[] }) => message.components.flatMap((r) => r.components);

describe('renderDiscord', () => {
  test('an oversized answer still fits every Discord limit', () => {
    const payload = renderDiscord(oversized(), morocco);
    expect(messageErrors(payload as unknown as Record<string, unknown>)).toEqual([]);
    const embed = payload.embeds[0];
    const description = embed?.description ?? '';
    // The text is cut; the dates line and the sources line are always there, last.
    expect(description).toContain('…\n\n*Reported 25 Nov 2021 · no change known as of May 2026*\nSources: ');
    expect(description.split('\n').at(-1)).toMatch(
      /^Sources: (\[Publisher \(x\)\]\(https:\/\/example\.com\/\d\/[^ ]+\)( · )?){3}$/,
    );
    expect(payload.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  test('asked for its sources, an answer lists them as links, within the limits', () => {
    const payload = renderDiscord(oversized(), { ...morocco, aspect: 'sources' });
    expect(messageErrors(payload as unknown as Record<string, unknown>)).toEqual([]);
    const lines = (payload.embeds[0]?.description ?? '').split('\n');
    expect(lines[0]).toBe('**Sources not shown under the answer:**');
    // The first three are linked under the answer: the view starts with the fourth.
    expect(lines[1]).toMatch(
      /^• \[Publisher \(x\), 25 Nov 2021\]\(https:\/\/example\.com\/3\/[^)]+\): Source 3 \\\[with\\\]/,
    );
    expect(lines.at(-1)).toMatch(/^…and \d+ more\.$/);
  });

  test('answer text cannot become markup or mentions', () => {
    const description = renderDiscord(oversized(), morocco).embeds[0]?.description ?? '';
    expect(description).not.toMatch(/(?<!\\)\*\*Bold/);
    expect(description).not.toMatch(/(?<!\\)\[x\]/);
    expect(description).not.toMatch(/@everyone|<@123>/);
  });

  test('the generated commands are valid for Discord', () => {
    expect(commandErrors(discordCommands() as unknown as Record<string, unknown>[])).toEqual([]);
  });

  test('a map image is attached and shown, within the limits', () => {
    const message = withMapImage(renderDiscord({ ...oversized(), intent: 'map' }, morocco), Buffer.from('png'));
    expect(message.embeds[0]?.image).toEqual({ url: 'attachment://map.png' });
    expect(message.files?.map((f) => f.name)).toEqual(['map.png']);
    expect(messageErrors(message as never)).toEqual([]);
  });
});

describe('buttons', () => {
  test('a one-country answer gets Sources, More, the other language and its map, each id reading back', () => {
    const query = core.understand('Is Morocco allowed?');
    const answer = core.answer(query);
    const buttons = buttonsOf(renderDiscord(answer, query));
    expect(buttons.map((b) => b.label)).toEqual(['Sources', 'More', 'Français', 'Map']);
    const actions = actionsFor(answer, query);
    for (const [i, b] of buttons.entries()) {
      const action = actions[i];
      const read = actionOfCustomId(b.custom_id, core);
      expect(b.custom_id.length).toBeLessThanOrEqual(100);
      expect(read?.kind).toBe(action?.kind);
      expect(read && core.encode(read.query)).toBe(action && core.encode(action.query));
    }
    expect(actionOfCustomId(buttons[3].custom_id, core)?.query).toMatchObject({ intent: 'map', countries: ['MA'] });
    expect(actionOfCustomId(buttons[2].custom_id, core)?.query).toMatchObject({ lang: 'fr', countries: ['MA'] });
  });

  test('a name that fits several countries gets one button per country', () => {
    const query = core.understand('Congo');
    const buttons = buttonsOf(renderDiscord(core.answer(query), query));
    expect(buttons.map((b) => b.emoji?.name)).toEqual(['🇨🇬', '🇨🇩']);
    expect(buttons.map((b) => actionOfCustomId(b.custom_id, core)?.query.countries)).toEqual([['CG'], ['CD']]);
  });

  test('forged, foreign and old ids read back as nothing', () => {
    for (const id of [
      'cx:s:en:valueOf',
      'cx:s:en:m:constructor',
      'cx:constructor:en:h',
      'cx:m:en:mc:MA',
      'cx:l:1.c.en...ZZ.',
      'cx:__proto__:1.c.en...MA.',
      's:1.c.en...MA.',
      `cx:s:${'1'.repeat(200)}`,
      'something else',
    ]) {
      expect(actionOfCustomId(id, core)).toBeUndefined();
    }
  });

  test('a button whose id would not fit is left out', () => {
    const [action] = actionsFor(oversized(), morocco);
    expect(action).toBeDefined();
    if (action) expect(customIdOf(action, { encode: () => 'x'.repeat(98) })).toBeUndefined();
  });
});

describe('vendor and rule answers on Discord', () => {
  test('a vendor answer: the bottom line as the embed title, measures in the description, within the limits', () => {
    const query = core.understand('Is Sandvine still on the Entity List?');
    const message = renderDiscord(core.answer(query), query);
    expect(messageErrors(message as never)).toEqual([]);
    const [embed] = message.embeds;
    expect(embed?.title).toBe('Sandvine — on the US Entity List from Feb 2024 until its removal in Oct 2024.');
    expect(embed?.description).toContain('• US Entity List: 26 Feb 2024 – 21 Oct 2024 (lifted)');
  });

  test('"is israel part of pall mall?" answers for Israel, with More for the countries named and the dates', () => {
    const query = core.understand('is israel part of pall mall?');
    const answer = core.answer(query);
    const message = renderDiscord(answer, query);
    expect(messageErrors(message as never)).toEqual([]);
    expect(message.embeds[0]?.title).toBe(
      '🇮🇱 Israel — reported as not signing the Pall Mall Code of Practice (Apr 2025)',
    );
    expect(buttonsOf(message).map((b) => b.label)).toContain('More');
    expect(answer.pages.join('\n')).toContain('United Kingdom and France — co-launched the Pall Mall Process');
    for (const page of answer.pages)
      expect(page.split('\n').filter((l) => l.startsWith('•')).length).toBeLessThanOrEqual(5);
  });
});
