/**
 * The question table of the wider landscape (issue 13): vendors and the rules on the spyware trade,
 * in English and French, with aliases, typos and follow-ups, and what the bot must understand.
 */
import { describe, expect, test } from 'vitest';
import { createCore, type Intent, type Lang, type Query } from '../../src/core/index.js';
import type { RegimeTopic, VendorId } from '../../src/core/vocabulary.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const core = createCore(loadKnowledge());

interface Expect {
  vendors?: VendorId[];
  regime?: RegimeTopic;
  countries?: string[];
  lang?: Lang;
}
type Row = [question: string, intent: Intent, expect: Expect];

const v = (vendors: VendorId[], lang?: Lang, countries: string[] = []): Expect => ({
  vendors,
  countries,
  ...(lang ? { lang } : {}),
});
const r = (regime: RegimeTopic, lang?: Lang, extra: Omit<Expect, 'regime' | 'lang'> = {}): Expect => ({
  regime,
  countries: [],
  vendors: [],
  ...extra,
  ...(lang ? { lang } : {}),
});

const ROWS: Row[] = [
  // Vendors, English: every vendor, by name, alias and product
  ['Has the US sanctioned Intellexa?', 'vendor_status', v(['intellexa'], 'en')],
  ['has intellexa been sanctioned', 'vendor_status', v(['intellexa'], 'en')],
  ['Is Cytrox blacklisted?', 'vendor_status', v(['intellexa'], 'en')],
  ['who makes predator spyware and are they sanctioned', 'vendor_status', v(['intellexa'], 'en')],
  ['thalestris sanctions?', 'vendor_status', v(['intellexa'], 'en')],
  ['Is Candiru still blacklisted?', 'vendor_status', v(['candiru'], 'en')],
  ['is candiru still on the us list?', 'vendor_status', v(['candiru'], 'en')],
  ['saito tech status', 'vendor_status', v(['candiru'], 'en')],
  ['was devilstongue made by a blacklisted firm', 'regime', r('us_entity_list', 'en', { vendors: ['candiru'] })],
  ['What happened to QuaDream?', 'vendor_status', v(['quadream'], 'en')],
  ['is quadream still operating', 'vendor_status', v(['quadream'], 'en')],
  ['What happened to Paragon in Italy?', 'vendor_status', v(['paragon'], 'en', ['IT'])],
  // A vendor and a rule: the rule as applied to that vendor.
  ['Is Paragon on the Entity List?', 'regime', r('us_entity_list', 'en', { vendors: ['paragon'] })],
  ['graphite spyware maker sanctioned?', 'vendor_status', v(['paragon'], 'en')],
  ['paragon solutions', 'vendor_status', v(['paragon'], 'en')],
  ['Is Cellebrite sanctioned?', 'vendor_status', v(['cellebrite'], 'en')],
  ['did cellebrite stop selling to serbia', 'vendor_status', v(['cellebrite'], 'en', ['RS'])],
  ['What happened to FinFisher?', 'vendor_status', v(['finfisher'], 'en')],
  ['finspy makers prosecuted?', 'vendor_status', v(['finfisher'], 'en')],
  ['What happened to Hacking Team?', 'vendor_status', v(['memento_labs'], 'en')],
  ['is memento labs sanctioned', 'vendor_status', v(['memento_labs'], 'en')],
  ['Is Positive Technologies on the US list?', 'vendor_status', v(['positive_technologies'], 'en')],
  ['coseinc blacklisted?', 'vendor_status', v(['coseinc'], 'en')],
  ['Is Sandvine still on the Entity List?', 'vendor_status', v(['sandvine'], 'en')],
  ['was sandvine removed from the blacklist', 'vendor_status', v(['sandvine'], 'en')],
  ['what happened to intellexa in greece', 'vendor_status', v(['intellexa'], 'en', ['GR'])],
  ['INTELLEXA', 'vendor_status', v(['intellexa'])],
  ['Candiru', 'vendor_status', v(['candiru'])],
  ['intellexa and candiru, are they sanctioned?', 'vendor_status', v(['intellexa', 'candiru'], 'en')],
  // Typos in vendor names
  ['is intelexa still sanctioned', 'vendor_status', v(['intellexa'], 'en')],
  ['candirru blacklisted?', 'vendor_status', v(['candiru'], 'en')],
  ['what happened to quadraem', 'vendor_status', v(['quadream'], 'en')],
  ['is cellebrit sanctioned', 'vendor_status', v(['cellebrite'], 'en')],
  ['what about sandvin', 'vendor_status', v(['sandvine'], 'en')],
  ['finfischer bankrupt?', 'vendor_status', v(['finfisher'], 'en')],
  ['paragone spyware sanctioned?', 'vendor_status', v(['paragon'], 'en')],
  // Vendors, French
  ['Est-ce que Paragon est sur liste noire ?', 'vendor_status', v(['paragon'], 'fr')],
  ['intellexa a été sanctionnée ?', 'vendor_status', v(['intellexa'], 'fr')],
  ['Candiru est toujours sur la liste noire ?', 'vendor_status', v(['candiru'], 'fr')],
  ['que s’est-il passé avec paragon en italie ?', 'vendor_status', v(['paragon'], 'fr', ['IT'])],
  ['cytrox est sanctionnée par les américains ?', 'vendor_status', v(['intellexa'], 'fr')],
  ['le fabricant de predator est sanctionné ?', 'vendor_status', v(['intellexa'], 'fr')],
  ['quadream a fermé ?', 'vendor_status', v(['quadream'], 'fr')],
  ['cellebrite a arrêté de vendre à la russie ?', 'vendor_status', v(['cellebrite'], 'fr', ['RU'])],
  ['finfisher a fait faillite ?', 'vendor_status', v(['finfisher'], 'fr')],
  ['c’est devenu quoi hacking team', 'vendor_status', v(['memento_labs'], 'fr')],
  ['positive technologies est sur la liste noire ?', 'vendor_status', v(['positive_technologies'], 'fr')],
  ['coseinc toujours listée ?', 'vendor_status', v(['coseinc'], 'fr')],
  ['sandvine a été retirée de la liste ?', 'vendor_status', v(['sandvine'], 'fr')],
  ['intelexa toujours sanctionnée ?', 'vendor_status', v(['intellexa'], 'fr')],
  ['saito tech sur liste noire ?', 'vendor_status', v(['candiru'], 'fr')],
  ['qu’est-il arrivé à intellexa en grèce', 'vendor_status', v(['intellexa'], 'fr', ['GR'])],
  ['memento labs a eu des ennuis ?', 'vendor_status', v(['memento_labs'], 'fr')],
  // The US Entity List as a rule, and applied to a vendor
  ['What is the Entity List?', 'regime', r('us_entity_list', 'en')],
  ['Which spyware firms has the US Commerce Department blacklisted?', 'regime', r('us_entity_list', 'en')],
  ['which spyware firms are on the entity list', 'regime', r('us_entity_list', 'en')],
  ['May an American company supply NSO?', 'regime', r('us_entity_list', 'en', { vendors: ['nso'] })],
  ['can a us company sell software to candiru', 'regime', r('us_entity_list', 'en', { vendors: ['candiru'] })],
  ['is the entity list an asset freeze?', 'regime', r('us_entity_list', 'en')],
  ['c’est quoi l’entity list ?', 'regime', r('us_entity_list', 'fr')],
  ['une entreprise américaine peut fournir nso ?', 'regime', r('us_entity_list', 'fr', { vendors: ['nso'] })],
  ['quelles entreprises de spyware sont sur l’entity list', 'regime', r('us_entity_list', 'fr')],
  // A question about why NSO itself was blacklisted stays NSO's
  ['Why was NSO blacklisted?', 'nso', {}],
  ['pourquoi nso a été mis sur liste noire par les états-unis', 'nso', {}],
  // OFAC
  ['What are OFAC sanctions?', 'regime', r('ofac_sanctions', 'en')],
  ['which spyware firms has the treasury sanctioned', 'regime', r('ofac_sanctions', 'en')],
  [
    'did treasury lift sanctions on three intellexa people',
    'regime',
    r('ofac_sanctions', 'en', { vendors: ['intellexa'] }),
  ],
  ['c’est quoi les sanctions de l’OFAC ?', 'regime', r('ofac_sanctions', 'fr')],
  ['le trésor américain a sanctionné quels vendeurs de spyware', 'regime', r('ofac_sanctions', 'fr')],
  // Visa restrictions
  ['US visa restrictions on spyware people?', 'regime', r('us_visa_restrictions', 'en')],
  ['can spyware executives get a us visa', 'regime', r('us_visa_restrictions', 'en')],
  ['restrictions de visa américaines pour le spyware', 'regime', r('us_visa_restrictions', 'fr')],
  ['les patrons de spyware peuvent entrer aux usa ?', 'regime', r('us_visa_restrictions', 'fr')],
  // EO 14093
  ['What is Executive Order 14093?', 'regime', r('eo_14093', 'en')],
  ['can us agencies use commercial spyware', 'regime', r('eo_14093', 'en')],
  ['why was ICE’s spyware contract paused', 'regime', r('eo_14093', 'en')],
  ['c’est quoi le décret 14093', 'regime', r('eo_14093', 'fr')],
  ['les agences fédérales peuvent utiliser du spyware ?', 'regime', r('eo_14093', 'fr')],
  // BIS rule and ACE
  ['What is License Exception ACE?', 'regime', r('bis_intrusion_rule', 'en')],
  ['us export rule on intrusion software', 'regime', r('bis_intrusion_rule', 'en')],
  ['c’est quoi l’exception ACE', 'regime', r('bis_intrusion_rule', 'fr')],
  ['la règle du BIS sur les logiciels d’intrusion', 'regime', r('bis_intrusion_rule', 'fr')],
  // Wassenaar
  ['What is the Wassenaar Arrangement?', 'regime', r('wassenaar', 'en')],
  ['Is Israel a member of Wassenaar?', 'regime', r('wassenaar', 'en', { countries: ['IL'] })],
  ['wasenaar intrusion software', 'regime', r('wassenaar', 'en')],
  ['c’est quoi l’arrangement de Wassenaar ?', 'regime', r('wassenaar', 'fr')],
  ['Israël fait partie de Wassenaar ?', 'regime', r('wassenaar', 'fr', { countries: ['IL'] })],
  // EU Dual-Use
  ['Does the EU restrict spyware exports?', 'regime', r('eu_dual_use', 'en')],
  ['eu dual use regulation 2021/821', 'regime', r('eu_dual_use', 'en')],
  ['what is the eu catch-all for cyber surveillance', 'regime', r('eu_dual_use', 'en')],
  ['L’UE restreint-elle les exportations de logiciels espions ?', 'regime', r('eu_dual_use', 'fr')],
  ['le règlement européen double usage', 'regime', r('eu_dual_use', 'fr')],
  // PEGA
  ['What is the PEGA committee?', 'regime', r('pega', 'en')],
  ['what did the pega inquiry recommend', 'regime', r('pega', 'en')],
  ['c’est quoi la commission PEGA ?', 'regime', r('pega', 'fr')],
  ['les recommandations de pega sur les exportations', 'regime', r('pega', 'fr')],
  // Joint Statement
  ['Who signed the Joint Statement on commercial spyware?', 'regime', r('joint_statement', 'en')],
  ['did israel sign the joint statement on spyware', 'regime', r('joint_statement', 'en', { countries: ['IL'] })],
  ['is germany part of the spyware joint statement', 'regime', r('joint_statement', 'en', { countries: ['DE'] })],
  ['Qui a signé la déclaration commune sur les logiciels espions ?', 'regime', r('joint_statement', 'fr')],
  ['la France a signé la déclaration commune ?', 'regime', r('joint_statement', 'fr', { countries: ['FR'] })],
  // Pall Mall
  ['Did Israel join the Pall Mall code of practice?', 'regime', r('pall_mall', 'en', { countries: ['IL'] })],
  ['is israel part of pall mall?', 'regime', r('pall_mall', 'en', { countries: ['IL'] })],
  ['What is the Pall Mall Process?', 'regime', r('pall_mall', 'en')],
  ['is the us in the pall mall process', 'regime', r('pall_mall', 'en', { countries: ['US'] })],
  ['pal mall code of practice signatories', 'regime', r('pall_mall', 'en')],
  ['c’est quoi le processus de Pall Mall ?', 'regime', r('pall_mall', 'fr')],
  ['Israël a rejoint le code de Pall Mall ?', 'regime', r('pall_mall', 'fr', { countries: ['IL'] })],
  ['l’Espagne fait partie de pall mall ?', 'regime', r('pall_mall', 'fr', { countries: ['ES'] })],
  // Israel's own law, where it meets the vendors
  ['does israeli export law cover intellexa', 'regime', r('israel_export_control', 'en', { vendors: ['intellexa'] })],
  [
    'did the defense ministry approve the paragon sale',
    'regime',
    r('israel_export_control', 'en', { vendors: ['paragon'] }),
  ],
  [
    'la loi israélienne sur les exportations couvre cytrox ?',
    'regime',
    r('israel_export_control', 'fr', { vendors: ['intellexa'] }),
  ],
  ['Israël a approuvé la vente de Paragon ?', 'regime', r('israel_export_control', 'fr', { vendors: ['paragon'] })],
  // Vendor names are not countries; country names are not vendors
  ['Is Paraguay allowed?', 'country_status', { countries: ['PY'], vendors: [] }],
  ['Is Macedonia allowed?', 'country_status', { countries: ['MK'], vendors: [] }],
  ['is north macedonia on the list', 'country_status', { countries: ['MK'], vendors: [] }],
  ['Is Greece allowed?', 'country_status', { countries: ['GR'], vendors: [] }],
  ['Canada?', 'country_status', { countries: ['CA'], vendors: [] }],
  ['is italy allowed', 'country_status', { countries: ['IT'], vendors: [] }],
  ['predator', 'vendor_status', v(['intellexa'])],
  ['paragon', 'vendor_status', v(['paragon'])],
  ['cytrox', 'vendor_status', v(['intellexa'])],
];

function check([question, intent, want]: Row): void {
  const query = core.understand(question);
  expect(query.intent, question).toBe(intent);
  if (want.vendors) expect(query.vendors, question).toEqual(want.vendors);
  if (want.regime) expect(query.regime, question).toBe(want.regime);
  if (want.countries) expect(query.countries, question).toEqual(want.countries);
  if (want.lang) expect(query.lang, question).toBe(want.lang);
  if (intent === 'nso') expect(query.topic, question).toBe('us_entity_list');
  // Every reading survives its own encoding (buttons, cache keys) unchanged.
  const decoded = core.decode(core.encode(query));
  expect(decoded?.vendors, question).toEqual(query.vendors);
  expect(decoded?.regime, question).toBe(query.regime);
}

describe('the landscape question table', () => {
  test('has at least 120 rows, every vendor and every rule', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(120);
    const vendors = new Set(ROWS.flatMap(([, , e]) => e.vendors ?? []));
    const regimes = new Set(ROWS.flatMap(([, , e]) => (e.regime ? [e.regime] : [])));
    expect(vendors.size).toBe(11);
    expect(regimes.size).toBe(11);
  });
  test.each(ROWS)('%s → %s', (question, intent, want) => check([question, intent, want]));
});

describe('landscape follow-ups', () => {
  /** Plays the turns of one conversation; returns each reading. */
  function play(...turns: string[]): Query[] {
    let context: Query | undefined;
    return turns.map((text) => {
      const query = core.understand(text, { context });
      if (query.intent !== 'help' && query.intent !== 'unknown') context = query;
      return query;
    });
  }

  test('"and Intellexa?" after a vendor asks the same of Intellexa', () => {
    const [, next] = play('Is Candiru still blacklisted?', 'and Intellexa?');
    expect(next?.intent).toBe('vendor_status');
    expect(next?.vendors).toEqual(['intellexa']);
    expect(next?.followUp).toBe('vendor');
  });

  test('"et Cytrox ?" in French, after a French vendor question', () => {
    const [, next] = play('Paragon est sanctionnée ?', 'et Cytrox ?');
    expect(next).toMatchObject({ intent: 'vendor_status', vendors: ['intellexa'], lang: 'fr' });
  });

  test('after "may an American company supply NSO?", "and Intellexa?" applies the same rule to Intellexa', () => {
    const [first, next] = play('May an American company supply NSO?', 'and Intellexa?');
    expect(first).toMatchObject({ intent: 'regime', regime: 'us_entity_list', vendors: ['nso'] });
    expect(next).toMatchObject({
      intent: 'regime',
      regime: 'us_entity_list',
      vendors: ['intellexa'],
      followUp: 'vendor',
    });
  });

  test('after a rule and a country, "and Hungary?" asks the same rule of Hungary', () => {
    const [, next] = play('is israel part of pall mall?', 'and Hungary?');
    expect(next).toMatchObject({ intent: 'regime', regime: 'pall_mall', countries: ['HU'], followUp: 'country' });
  });

  test('"sources?" after a vendor answer gives that answer’s sources', () => {
    const [, next] = play('has intellexa been sanctioned', 'sources?');
    expect(next).toMatchObject({ intent: 'vendor_status', vendors: ['intellexa'], aspect: 'sources' });
    const answer = core.answer(next as Query);
    expect(answer.sources.length).toBeGreaterThan(0);
  });

  test('a vendor named alone after a country question is a question about the vendor', () => {
    const [, next] = play('Is Greece allowed?', 'and Predator?');
    expect(next).toMatchObject({ intent: 'vendor_status', vendors: ['intellexa'] });
  });
});
