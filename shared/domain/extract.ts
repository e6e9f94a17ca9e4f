/**
 * The canonical extract format: what an upstream warehouse export looks like when it needs no
 * manifest. A folder holding files named after an entity (`accounts.csv`, `events.jsonl.gz`, ...)
 * with these columns is recognised as is; anything else is described by an `extract.json`
 * manifest (see the sync engine). The demo generator writes exactly this format.
 *
 * Timestamps are ISO 8601 (`2026-03-01T12:00:00.000Z`) or epoch milliseconds; the cache stores
 * UTC milliseconds. Columns not listed for an entity are kept in the row's `attrs` JSON.
 * A `deleted` column holding `1`/`true` is a tombstone: the row with that key is removed.
 */

export const ENTITIES = [
  'accounts',
  'identifiers',
  'events',
  'relations',
  'cases',
  'case_subjects',
  'decisions',
] as const;
export type Entity = (typeof ENTITIES)[number];

export type FieldType = 'text' | 'timestamp' | 'real' | 'integer';

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  /** A required field missing or empty sends the row to quarantine. */
  readonly required: boolean;
}

export interface EntitySpec {
  readonly entity: Entity;
  /** Cache table the entity loads into. */
  readonly table: string;
  /** Fields forming the upsert key, in order. */
  readonly key: readonly string[];
  readonly fields: readonly FieldSpec[];
  /** Whether unknown columns are kept in an `attrs` JSON column. */
  readonly hasAttrs: boolean;
}

const f = (name: string, type: FieldType, required = false): FieldSpec => ({ name, type, required });

export const ENTITY_SPECS: Readonly<Record<Entity, EntitySpec>> = {
  accounts: {
    entity: 'accounts',
    table: 'accounts',
    key: ['id'],
    hasAttrs: true,
    fields: [
      f('id', 'text', true),
      f('created_at', 'timestamp', true),
      f('display_name', 'text'),
      f('email', 'text'),
      f('phone', 'text'),
      f('country', 'text'),
      f('lifecycle_state', 'text'),
      f('risk_score', 'real'),
    ],
  },
  identifiers: {
    entity: 'identifiers',
    table: 'identifiers',
    key: ['account_id', 'kind', 'value'],
    hasAttrs: false,
    fields: [
      f('account_id', 'text', true),
      f('kind', 'text', true),
      f('value', 'text', true),
      f('first_seen', 'timestamp'),
      f('last_seen', 'timestamp'),
    ],
  },
  events: {
    entity: 'events',
    table: 'events',
    key: ['id'],
    hasAttrs: true,
    fields: [
      f('id', 'text', true),
      f('account_id', 'text', true),
      f('occurred_at', 'timestamp', true),
      f('type', 'text', true),
      f('ip', 'text'),
      f('device', 'text'),
      f('amount', 'real'),
    ],
  },
  relations: {
    entity: 'relations',
    table: 'relations',
    key: ['id'],
    hasAttrs: true,
    fields: [
      f('id', 'text', true),
      f('src_account_id', 'text', true),
      f('dst_account_id', 'text', true),
      f('kind', 'text', true),
      f('occurred_at', 'timestamp', true),
      f('amount', 'real'),
    ],
  },
  cases: {
    entity: 'cases',
    table: 'cases',
    key: ['id'],
    hasAttrs: true,
    fields: [
      f('id', 'text', true),
      f('title', 'text', true),
      f('status', 'text', true),
      f('priority', 'text'),
      f('severity', 'text'),
      f('policy', 'text'),
      f('assignee', 'text'),
      f('opened_at', 'timestamp', true),
      f('sla_due_at', 'timestamp'),
      f('origin_rule', 'text'),
    ],
  },
  case_subjects: {
    entity: 'case_subjects',
    table: 'case_subjects',
    key: ['case_id', 'account_id'],
    hasAttrs: false,
    fields: [f('case_id', 'text', true), f('account_id', 'text', true), f('role', 'text')],
  },
  decisions: {
    entity: 'decisions',
    table: 'decisions',
    key: ['id'],
    hasAttrs: true,
    fields: [
      f('id', 'text', true),
      f('case_id', 'text'),
      f('account_id', 'text', true),
      f('policy', 'text', true),
      f('tier', 'text'),
      f('sanction', 'text', true),
      f('decided_at', 'timestamp', true),
      f('decided_by', 'text'),
      f('rationale', 'text'),
      f('appeal_outcome', 'text'),
    ],
  },
};

/** Every cache table an extract loads into, in entity order. */
export const ENTITY_TABLES: readonly string[] = ENTITIES.map((entity) => ENTITY_SPECS[entity].table);

/** Column header order for canonical CSV files (the demo generator writes these). */
export function canonicalColumns(entity: Entity): string[] {
  return ENTITY_SPECS[entity].fields.map((field) => field.name);
}
