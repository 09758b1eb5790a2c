/**
 * The fixed vocabularies shared by the data schemas, the core and the adapters: NSO topics and map
 * regions. Plain constants, so that the core needs no schema library at run time.
 */
export const TOPICS = [
  'overview',
  'pegasus',
  'investigations',
  'export_list',
  'us_entity_list',
  'apple_lawsuit',
  'whatsapp_lawsuit',
  'khashoggi',
  'finances',
  'ownership',
  'latest',
] as const;
export type Topic = (typeof TOPICS)[number];

/** Map regions (`/map europe`). */
export const REGIONS = ['world', 'europe', 'middle-east', 'americas', 'asia-pacific', 'africa'] as const;
export type Region = (typeof REGIONS)[number];

/** Spyware vendors the knowledge has (`data/vendors.json`), lower-case snake case. */
export const VENDOR_IDS = [
  'nso',
  'candiru',
  'intellexa',
  'quadream',
  'paragon',
  'cellebrite',
  'finfisher',
  'memento_labs',
  'positive_technologies',
  'coseinc',
  'sandvine',
] as const;
export type VendorId = (typeof VENDOR_IDS)[number];

/** Rules and processes (`data/regimes.json`): the topic of a `regime` answer (`/rules pall-mall`). */
export const REGIME_TOPICS = [
  'us_entity_list',
  'ofac_sanctions',
  'us_visa_restrictions',
  'eo_14093',
  'bis_intrusion_rule',
  'wassenaar',
  'eu_dual_use',
  'pega',
  'joint_statement',
  'pall_mall',
  'israel_export_control',
] as const;
export type RegimeTopic = (typeof REGIME_TOPICS)[number];

/** What a measure against a vendor is. */
export const MEASURE_KINDS = [
  'entity_list',
  'ofac_sanctions',
  'visa_restrictions',
  'prosecution',
  'licence_revoked',
  'closure',
  'contract_suspended',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
