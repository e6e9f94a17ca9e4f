/**
 * The ordered, append-only list of migrations. To change the schema, add a file
 * `NNNN_name.ts` exporting `sql` and append it here; never edit an entry that has shipped
 * (the stored hash would no longer match and every existing cache would refuse to open).
 */
import { sql as initial } from './0001_initial.js';
import { sql as sync } from './0002_sync.js';
import { sql as cases } from './0003_cases.js';
import { sql as graph } from './0004_graph.js';
import { sql as rules } from './0005_rules.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'sync', sql: sync },
  { version: 3, name: 'cases', sql: cases },
  { version: 4, name: 'graph', sql: graph },
  { version: 5, name: 'rules', sql: rules },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
