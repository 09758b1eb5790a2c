/**
 * The Discord renderer and button ids alone: whatever the answer, the payload stays within Discord's
 * limits and no text in it can turn into markup.
 */
import { describe, expect, test } from 'vitest';
import { decodeButton, encodeButton } from '../src/adapters/discord/buttons.js';
import { discordCommands } from '../src/adapters/discord/commands.js';
import { renderDiscord, renderDiscordSources, withMapImage } from '../src/adapters/discord/render.js';
import type { Answer } from '../src/core/index.js';
import { commandErrors, messageErrors } from './emulators/discord-fake.js';

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
    sources: Array.from({ length: 40 }, (_, i) => ({
      title: `Source ${i} [with] **brackets** ${'t'.repeat(200)}`,
      publisher: 'Publisher (x)',
      url: `https://example.com/${i}/a_(b)?q=${'u'.repeat(150)}`,
      date: '2021-11-25',
    })),
    asOf: '2021-11-25',
  };
}

describe('renderDiscord', () => {
  test('an oversized answer still fits every Discord limit', () => {
    const payload = renderDiscord(oversized());
    expect(messageErrors(payload as unknown as Record<string, unknown>)).toEqual([]);
    const embed = payload.embeds[0];
    expect(embed?.description?.endsWith('…')).toBe(true);
    expect(embed?.fields?.at(-1)?.value).toMatch(/more\.$/);
    expect(payload.allowedMentions).toEqual({ parse: [], repliedUser: false });
    const sources = renderDiscordSources(oversized());
    expect(messageErrors(sources as unknown as Record<string, unknown>)).toEqual([]);
  });

  test('answer text cannot become markup or mentions', () => {
    const description = renderDiscord(oversized()).embeds[0]?.description ?? '';
    expect(description).not.toMatch(/(?<!\\)\*\*Bold/);
    expect(description).not.toMatch(/(?<!\\)\[x\]/);
    expect(description).not.toMatch(/@everyone|<@123>/);
  });

  test('the generated commands are valid for Discord', () => {
    expect(commandErrors(discordCommands() as unknown as Record<string, unknown>[])).toEqual([]);
  });
});

describe('button ids', () => {
  test('encode the request, not user text, and read back', () => {
    const id = encodeButton({ action: 'lang', lang: 'fr', key: 'c:IN,MX' });
    expect(id).toBe('cx:l:fr:c:IN,MX');
    expect(decodeButton(id ?? '')).toEqual({
      action: 'lang',
      lang: 'fr',
      request: { intent: 'country_status', country: '🇮🇳 🇲🇽' },
    });
    expect(decodeButton('cx:s:en:n:khashoggi')?.request).toEqual({ intent: 'nso', topic: 'khashoggi' });
    expect(decodeButton('cx:s:en:h')?.request).toEqual({ intent: 'help' });
    expect(decodeButton('something else')).toBeNull();
    expect(decodeButton('cx:constructor:en:h')).toBeNull();
  });

  test('the Map button of a one-country answer asks for its locator map', () => {
    const [row] = renderDiscord({ ...oversized(), lang: 'fr' }).components;
    const map = row?.components.at(-1);
    expect(map).toMatchObject({ label: 'Carte', custom_id: 'cx:m:fr:mc:MA' });
    expect(decodeButton('cx:m:fr:mc:MA')).toEqual({
      action: 'map',
      lang: 'fr',
      request: { intent: 'map', country: '🇲🇦' },
    });
    const two = oversized();
    two.countries.push({ code: 'MX', name: 'Mexico', flag: '🇲🇽', status: 'removed', matched: 'Mexico' });
    expect(JSON.stringify(renderDiscord(two).components)).not.toContain('cx:m:');
  });

  test('a map image is attached and shown, within the limits', () => {
    const message = withMapImage(renderDiscord({ ...oversized(), intent: 'map' }), Buffer.from('png'));
    expect(message.embeds[0]?.image).toEqual({ url: 'attachment://map.png' });
    expect(message.files?.map((f) => f.name)).toEqual(['map.png']);
    expect(messageErrors(message as never)).toEqual([]);
  });
});
