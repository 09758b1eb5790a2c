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
