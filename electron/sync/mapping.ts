/**
 * From a source record to the values of one entity row: column mapping, type coercion, required
 * fields, enum checks, tombstones, `attrs` and derived identifiers. A row that cannot be read is
 * never dropped: `map()` returns the reason and the column, and the caller quarantines it.
 *
 * Value rules (README "Formats"):
 *  - text: kept as is (an empty quoted CSV field stays ''); numbers and booleans become text;
 *  - real/integer/timestamp: surrounding spaces ignored; empty ('' or NULL) is NULL;
 *  - a required field that is NULL or '' quarantines the row;
 *  - columns with a CHECK in the schema (lifecycle_state, case status/priority/severity, decision
 *    tier) must hold an allowed value; NULL there keeps the stored value (or the default);
 *  - columns the file does not have are not written; other columns of the file go to `attrs`
 *    (an `attrs` column holding a JSON object is merged in).
 * compileMapper() checks the header once: a file without its key columns, or without a required
 * column and no tombstone column, fails whole (BAD_INPUT) rather than quarantining every row.
 */
import { RingsideError } from '../../shared/contract/errors.js';
import { ENTITY_SPECS, type FieldSpec } from '../../shared/domain/extract.js';
import { CASE_STATUSES, LIFECYCLE_STATES, PRIORITIES, SEVERITY_TIERS } from '../../shared/domain/model.js';
import { ACCOUNT_OF } from './manifest.js';
import {
  Bad,
  jsonSafe,
  numberCoercer,
  OVERSIZED,
  SAFE_CHARS,
  textCoercer,
  timestampCoercer,
  tombstoneValue,
  tooBig,
  type Coercer,
} from './coerce.js';
import { resolveZone } from './timestamps.js';
import type { FileMapping, SourceRecord } from './types.js';

/** Allowed values of columns the schema CHECKs; anything else would fail the INSERT. */
export const FIELD_ENUMS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  accounts: { lifecycle_state: LIFECYCLE_STATES },
  cases: { status: CASE_STATUSES, priority: PRIORITIES, severity: SEVERITY_TIERS },
  decisions: { tier: SEVERITY_TIERS },
};

interface BoundField {
  readonly field: FieldSpec;
  readonly source: string;
  /** Index into the record's cells. */
  readonly cell: number;
  readonly coerce: Coercer;
  readonly allowed: ReadonlySet<string> | null;
}

interface DeriveSource {
  readonly kind: string;
  /** Index into `values` (a mapped field) or, when negative, -(cell index) - 1. */
  readonly at: number;
}

/** Maps records of one file; reuse it for every row (its outputs are overwritten by each map()). */
export class RowMapper {
  /** Filled by map(): the present fields' values in order, then attrs JSON when written. */
  readonly values: unknown[];
  tombstone = false;
  /** Column of the last rejection (null when the whole record is at fault). */
  errorColumn: string | null = null;
  /** Filled by map() for rows deriving identifiers: [kind, value] pairs, then account and time. */
  readonly derived: [string, string][] = [];
  derivedAccount: string | null = null;
  derivedTime: number | null = null;

  constructor(
    /** Fields the file provides, in entity order; the writer's columns. */
    readonly presentFields: readonly FieldSpec[],
    readonly writesAttrs: boolean,
    /** Columns JSON Lines/Parquet readers must put into cells, in order. */
    readonly wanted: readonly string[],
    private readonly bound: readonly BoundField[],
    private readonly keyPositions: readonly number[],
    private readonly tombstoneCell: number,
    private readonly attrsCell: number,
    private readonly extraCells: readonly { readonly name: string; readonly cell: number; readonly prefix: string }[],
    private readonly expectedCells: number | null,
    private readonly deriveSources: readonly DeriveSource[],
    private readonly accountAt: number,
    private readonly timeAt: number,
  ) {
    this.values = new Array<unknown>(presentFields.length + (writesAttrs ? 1 : 0));
  }

  /** Indexes into `values` of the key fields, in key order. */
  get keyIndexes(): readonly number[] {
    return this.keyPositions;
  }

  /** Maps one record. Returns null when the row is good, else the reason (see errorColumn). */
  map(record: SourceRecord): string | null {
    this.errorColumn = null;
    if (record.error) {
      this.errorColumn = record.error.column;
      return record.error.reason;
    }
    const cells = record.cells as readonly unknown[];
    if (this.expectedCells !== null && cells.length !== this.expectedCells) {
      return `expected ${this.expectedCells} fields (as in the header), found ${cells.length}`;
    }
    if (record.suspect) {
      const bad = this.findUndecodable(record);
      if (bad !== null) {
        this.errorColumn = bad;
        return 'invalid UTF-8 (or a NUL character) in this column';
      }
    }
    const values = this.values;
    const bound = this.bound;
    if (this.tombstoneCell >= 0) {
      const flag = tombstoneValue(cells[this.tombstoneCell]);
      if (flag instanceof Bad) {
        this.errorColumn = this.wanted[this.tombstoneCell] ?? null;
        return flag.reason;
      }
      this.tombstone = flag;
    } else {
      this.tombstone = false;
    }
    if (this.tombstone) {
      // A deletion needs only its key.
      for (const position of this.keyPositions) {
        const b = bound[position] as BoundField;
        const value = b.coerce(cells[b.cell]);
        if (value instanceof Bad) return this.fail(b, value.reason);
        if (value === null || value === '') return this.fail(b, `missing key field ${b.field.name}`);
        values[position] = value;
      }
      return null;
    }
    for (let i = 0; i < bound.length; i++) {
      const b = bound[i] as BoundField;
      const value = b.coerce(cells[b.cell]);
      if (value instanceof Bad) return this.fail(b, value.reason);
      if (value === null || value === '') {
        if (b.field.required) return this.fail(b, `missing required field ${b.field.name}`);
      } else if (b.allowed !== null && !b.allowed.has(value as string)) {
        return this.fail(
          b,
          `"${String(value)}" is not a valid ${b.field.name} (expected one of ${[...b.allowed].join(', ')})`,
        );
      }
      values[i] = value;
    }
    if (this.writesAttrs) {
      const attrs = this.buildAttrs(record, cells);
      if (attrs instanceof Bad) return attrs.reason;
      values[bound.length] = attrs;
    }
    if (this.deriveSources.length > 0) this.derive(cells);
    return null;
  }

  private fail(b: BoundField, reason: string): string {
    this.errorColumn = b.source;
    return reason;
  }

  private buildAttrs(record: SourceRecord, cells: readonly unknown[]): string | Bad {
    if (this.attrsCell < 0 && record.extras === null) return this.extraCellsJson(cells);
    let attrs: Record<string, unknown> | null = null;
    if (this.attrsCell >= 0) {
      const raw = cells[this.attrsCell];
      if (raw !== null && raw !== undefined && raw !== '') {
        let parsed: unknown = raw;
        if (typeof raw === 'string') {
          try {
            parsed = JSON.parse(raw);
          } catch {
            parsed = undefined;
          }
        }
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
          this.errorColumn = this.wanted[this.attrsCell] ?? 'attrs';
          return new Bad('attrs is not a JSON object');
        }
        attrs = Object.assign(Object.create(null) as Record<string, unknown>, parsed);
      }
    }
    const extras: [string, unknown][] = this.extraCells.map((extra) => [extra.name, cells[extra.cell]]);
    if (record.extras) extras.push(...Object.entries(record.extras));
    for (const [key, value] of extras) {
      if (value === null || value === undefined) continue;
      if (typeof value === 'string' && value.length > SAFE_CHARS && tooBig(value)) {
        this.errorColumn = key;
        return new Bad(OVERSIZED);
      }
      attrs ??= Object.create(null) as Record<string, unknown>;
      attrs[key] = value;
    }
    if (attrs === null) return '{}';
    return JSON.stringify(attrs, (_key, value: unknown) => jsonSafe(value));
  }

  /**
   * attrs from the extra columns of a header-based file, written as JSON directly: the common
   * case (a CSV with a few extra text columns) would otherwise build an object per row and run
   * JSON.stringify with a replacer, which costs more than the row's INSERT.
   */
  private extraCellsJson(cells: readonly unknown[]): string | Bad {
    let json = '';
    for (const extra of this.extraCells) {
      const value = cells[extra.cell];
      if (value === null || value === undefined) continue;
      let encoded: string;
      if (typeof value === 'string') {
        if (value.length > SAFE_CHARS && tooBig(value)) {
          this.errorColumn = extra.name;
          return new Bad(OVERSIZED);
        }
        encoded = JSON.stringify(value);
      } else {
        encoded = JSON.stringify(value, (_key, v: unknown) => jsonSafe(v));
      }
      json += (json.length === 0 ? '{' : ',') + extra.prefix + encoded;
    }
    return json.length === 0 ? '{}' : `${json}}`;
  }

  private derive(cells: readonly unknown[]): void {
    const derived = this.derived;
    derived.length = 0;
    this.derivedAccount = this.values[this.accountAt] as string;
    this.derivedTime = this.timeAt >= 0 ? (this.values[this.timeAt] as number | null) : null;
    for (const source of this.deriveSources) {
      const raw = source.at >= 0 ? this.values[source.at] : cells[-source.at - 1];
      if (raw === null || raw === undefined || raw === '') continue;
      const text = textCoercer(raw);
      if (typeof text === 'string' && text !== '') derived.push([source.kind, text]);
    }
  }

  /** The first column holding U+FFFD or NUL, or null. */
  private findUndecodable(record: SourceRecord): string | null {
    const cells = record.cells as readonly unknown[];
    for (let i = 0; i < cells.length; i++) {
      const value = cells[i];
      if (typeof value === 'string' && (value.indexOf('\uFFFD') !== -1 || value.indexOf('\u0000') !== -1)) {
        return this.wanted[i] ?? `field ${i + 1}`;
      }
    }
    for (const [key, value] of Object.entries(record.extras ?? {})) {
      if (typeof value === 'string' && (value.indexOf('\uFFFD') !== -1 || value.indexOf('\u0000') !== -1)) return key;
    }
    return null;
  }
}

/**
 * Compiles the mapper for one file. `columns` is the header (CSV/TSV/Parquet) or null (JSON
 * Lines: every field is read by name from each object). `countCells` enforces the header's field
 * count on every record (CSV/TSV). Throws BAD_INPUT naming the missing column when the file
 * cannot be loaded as this entity at all.
 */
export function compileMapper(mapping: FileMapping, columns: readonly string[] | null, countCells: boolean): RowMapper {
  const spec = ENTITY_SPECS[mapping.entity];
  const zone = resolveZone(mapping.defaultZone);
  const sourceOf = (field: string): string => mapping.columns[field] ?? field;
  const headerMode = columns !== null;
  const has = (name: string): boolean => !headerMode || (columns as readonly string[]).includes(name);
  const listed = headerMode ? ` (its columns: ${(columns as readonly string[]).join(', ')})` : '';

  const tombstoneColumn = mapping.tombstone;
  const hasTombstone = tombstoneColumn !== null && headerMode && has(tombstoneColumn);
  if (!mapping.implicit && tombstoneColumn !== null && headerMode && !hasTombstone) {
    throw new RingsideError('BAD_INPUT', `it has no tombstone column "${tombstoneColumn}"${listed}`);
  }
  for (const [field, source] of Object.entries(mapping.columns)) {
    if (!has(source))
      throw new RingsideError('BAD_INPUT', `columns.${field} names "${source}", which it does not have${listed}`);
  }
  const present: FieldSpec[] = [];
  for (const field of spec.fields) {
    const source = sourceOf(field.name);
    if (has(source)) {
      present.push(field);
      continue;
    }
    if (spec.key.includes(field.name)) {
      throw new RingsideError('BAD_INPUT', `it has no column "${source}", part of the ${mapping.entity} key${listed}`);
    }
    if (field.required && !hasTombstone) {
      throw new RingsideError('BAD_INPUT', `it has no column "${source}", required for ${mapping.entity}${listed}`);
    }
  }

  // Cells: the header itself, or (JSON Lines) the names we ask the reader for.
  const wanted: string[] = headerMode ? [...(columns as readonly string[])] : [];
  const cellOf = (name: string): number => {
    let index = wanted.indexOf(name);
    if (index === -1 && !headerMode) {
      wanted.push(name);
      index = wanted.length - 1;
    }
    return index;
  };
  const enums = FIELD_ENUMS[mapping.entity] ?? {};
  const bound: BoundField[] = present.map((field) => {
    const source = sourceOf(field.name);
    let coerce: Coercer;
    if (field.type === 'timestamp') coerce = timestampCoercer(mapping.timestamps[field.name] ?? 'auto', zone);
    else if (field.type === 'real') coerce = numberCoercer(false);
    else if (field.type === 'integer') coerce = numberCoercer(true);
    else coerce = textCoercer;
    const allowed = enums[field.name];
    return { field, source, cell: cellOf(source), coerce, allowed: allowed ? new Set(allowed) : null };
  });
  const keyPositions = spec.key.map((name) => present.findIndex((field) => field.name === name));
  const tombstoneCell = tombstoneColumn !== null && (hasTombstone || !headerMode) ? cellOf(tombstoneColumn) : -1;

  const deriveSources: DeriveSource[] = [];
  for (const rule of mapping.deriveIdentifiers) {
    const fieldIndex = present.findIndex((field) => field.name === rule.from);
    if (fieldIndex >= 0) {
      deriveSources.push({ kind: rule.kind, at: fieldIndex });
    } else if (has(rule.from)) {
      deriveSources.push({ kind: rule.kind, at: -cellOf(rule.from) - 1 });
    } else if (!mapping.implicit) {
      throw new RingsideError('BAD_INPUT', `deriveIdentifiers names "${rule.from}", which it does not have${listed}`);
    }
  }
  const accountOf = ACCOUNT_OF[mapping.entity];
  const accountAt = accountOf ? present.findIndex((field) => field.name === accountOf.account) : -1;
  const timeAt = accountOf ? present.findIndex((field) => field.name === accountOf.time) : -1;
  if (deriveSources.length > 0 && accountAt < 0) {
    throw new RingsideError('BAD_INPUT', `identifiers cannot be derived without the account column${listed}`);
  }

  // An `attrs` column (or JSON key) holding an object is merged into attrs rather than nested.
  const attrsCell = spec.hasAttrs && has('attrs') ? cellOf('attrs') : -1;
  const used = new Set<number>(bound.map((b) => b.cell));
  if (tombstoneCell >= 0) used.add(tombstoneCell);
  if (attrsCell >= 0) used.add(attrsCell);
  const extraCells = headerMode
    ? wanted
        .map((name, cell) => ({ name, cell, prefix: `${JSON.stringify(name)}:` }))
        .filter((extra) => !used.has(extra.cell))
    : [];
  const writesAttrs = spec.hasAttrs && (!headerMode || extraCells.length > 0 || attrsCell >= 0);
  return new RowMapper(
    present,
    writesAttrs,
    wanted,
    bound,
    keyPositions,
    tombstoneCell,
    attrsCell,
    spec.hasAttrs ? extraCells : [],
    countCells && headerMode ? (columns as readonly string[]).length : null,
    deriveSources,
    accountAt,
    timeAt,
  );
}
