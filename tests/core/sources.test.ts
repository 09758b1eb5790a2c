/**
 * The rules about source URLs: tracking parameters removed, hosts ranked and denied.
 */
import { describe, expect, test } from 'vitest';
import { cleanUrl, hostIn, hostOf, tierOf } from '../../src/knowledge/sources.js';

const PARAMS = ['utm_*', 'fbclid', 'gclid', 'rl', 'cache', 'ref_src'];

describe('cleanUrl', () => {
  test('removes utm_* and the other tracking parameters, and the ? when nothing is left', () => {
    expect(
      cleanUrl(
        'https://www.timesofisrael.com/amid-nso-scandal/?utm_source=Push&utm_medium=Chrome&utm_content=Breaking_News&utm_campaign=desktop-notifications',
        PARAMS,
      ),
    ).toBe('https://www.timesofisrael.com/amid-nso-scandal/');
    expect(cleanUrl('https://thehill.com/policy/579825-commerce/?rl=1', PARAMS)).toBe(
      'https://thehill.com/policy/579825-commerce/',
    );
    expect(cleanUrl('https://example.org/a?fbclid=IwAR0x&gclid=abc&cache=1&ref_src=twsrc', PARAMS)).toBe(
      'https://example.org/a',
    );
  });

  test('keeps the other parameters in their order, as written, and the fragment', () => {
    expect(cleanUrl('https://www.globes.co.il/news/article.aspx?did=1001335553&utm_source=x&fid=594#top', PARAMS)).toBe(
      'https://www.globes.co.il/news/article.aspx?did=1001335553&fid=594#top',
    );
    // No re-encoding: the colon of an EUR-Lex identifier stays a colon.
    expect(cleanUrl('https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:C_202404226', PARAMS)).toBe(
      'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:C_202404226',
    );
    expect(cleanUrl('https://cath.ch/?p=260145', PARAMS)).toBe('https://cath.ch/?p=260145');
  });

  test('matches names whatever their case, and only whole names or a declared prefix', () => {
    expect(cleanUrl('https://example.org/?UTM_Source=a&FBCLID=b&keep=1', PARAMS)).toBe('https://example.org/?keep=1');
    expect(cleanUrl('https://example.org/?utmost=1&rlx=2&src=3', PARAMS)).toBe(
      'https://example.org/?utmost=1&rlx=2&src=3',
    );
  });

  test('leaves a URL without a query alone', () => {
    expect(cleanUrl('https://meduza.io/en/feature/2023/09/13/the-million-dollar-reporter', PARAMS)).toBe(
      'https://meduza.io/en/feature/2023/09/13/the-million-dollar-reporter',
    );
  });
});

describe('hosts', () => {
  test('a listed host matches itself and its subdomains, without www.', () => {
    expect(hostOf('https://www.sott.net/article/461152')).toBe('sott.net');
    expect(hostIn('cpj-preprod.go-vip.net', ['go-vip.net'])).toBe(true);
    expect(hostIn('en.globes.co.il', ['globes.co.il'])).toBe(true);
    expect(hostIn('notglobes.co.il', ['globes.co.il'])).toBe(false);
  });

  test('tiers rank listed hosts, and a host in no tier between reputable and weak', () => {
    const policy = {
      trackingParams: PARAMS,
      denyHosts: [],
      tiers: { primary: ['moodys.com'], reputable: ['timesofisrael.com'], weak: ['netlify.app'] },
    };
    expect(tierOf('https://www.moodys.com/research/x', policy)).toBe('primary');
    expect(tierOf('https://www.timesofisrael.com/x', policy)).toBe('reputable');
    expect(tierOf('https://example.org/x', policy)).toBe('other');
    expect(tierOf('https://transcendent-bombolone-b3a34d.netlify.app/', policy)).toBe('weak');
  });
});
