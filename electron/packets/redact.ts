/**
 * Redaction: replaces personal values by pseudonyms that are consistent within a packet (and
 * across packets of the same workspace) but cannot be reversed by someone holding the packet.
 * pseudonym = field prefix + "-" + base32(HMAC-SHA256(key, field + ":" + value))[0..10]; the key
 * is 32 random bytes in <workspace>/config/redaction.key, created on first use and never
 * exported. A plain hash would be reversible by hashing every plausible phone number or email.
 *
 * Redaction is applied to the collected data model before anything is rendered (HTML, CSV,
 * SVG, PNG, PDF and packet.json all come from the redacted model), by replacing every
 * occurrence of a known value inside every string, so values quoted in notes, rationales,
 * evidence payloads and audit payloads are caught too.
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  EXTERNAL_FIELDS,
  REDACTABLE_FIELDS,
  type PacketProfile,
  type RedactableField,
} from '../../shared/contract/packets.js';
import { RingsideError } from '../../shared/contract/errors.js';
import type { Workspace } from '../workspace/workspace.js';
import type { CaseData } from './collect.js';

const PREFIX: Record<RedactableField, string> = {
  email: 'email',
  phone: 'phone',
  ip: 'ip',
  payment_instrument: 'pi',
  bank_account: 'bank',
  display_name: 'name',
  address: 'addr',
  device: 'device',
  account_id: 'acct',
};

/** Column or identifier-kind names that hold each field (evidence query columns are matched too). */
const FIELD_ALIASES: Record<RedactableField, readonly string[]> = {
  email: ['email', 'email_address'],
  phone: ['phone', 'phone_number', 'msisdn'],
  ip: ['ip', 'ip_address'],
  payment_instrument: ['payment_instrument', 'instrument', 'card'],
  bank_account: ['bank_account', 'iban'],
  display_name: ['display_name', 'name', 'full_name'],
  address: ['address'],
  device: ['device', 'device_id'],
  account_id: ['account_id', 'src_account_id', 'dst_account_id', 'subject'],
};

/** Values shorter than this are not replaced inside longer strings (only as whole values). */
const MIN_SUBSTRING = 4;

export function fieldsFor(profile: PacketProfile, custom: readonly RedactableField[] | undefined): RedactableField[] {
  if (profile === 'internal') return [];
  if (profile === 'external') return [...EXTERNAL_FIELDS];
  if (!custom || custom.length === 0)
    throw new RingsideError('BAD_REQUEST', 'The custom profile needs at least one field to redact.');
  return REDACTABLE_FIELDS.filter((f) => custom.includes(f));
}

/** Reads the workspace's redaction key, creating it (mode 0600) on first use. */
export function redactionKey(workspace: Workspace): Buffer {
  const file = path.join(workspace.configDir, 'redaction.key');
  try {
    const key = fs.readFileSync(file);
    if (key.length !== 32)
      throw new RingsideError(
        'IO_ERROR',
        `${file} is not a 32-byte key; move it aside to have a new one made (old pseudonyms will change).`,
      );
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32);
  fs.mkdirSync(workspace.configDir, { recursive: true });
  fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  return key;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Buffer, chars: number): string {
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
    if (out.length >= chars) break;
  }
  return out;
}

export function pseudonym(key: Buffer, field: RedactableField, value: string): string {
  return `${PREFIX[field]}-${base32(createHmac('sha256', key).update(`${field}:${value}`, 'utf8').digest(), 10)}`;
}

/** Every value of each field that appears in the case data, in first-seen order. */
export function collectValues(data: CaseData, fields: readonly RedactableField[]): Map<RedactableField, Set<string>> {
  const out = new Map<RedactableField, Set<string>>(fields.map((f) => [f, new Set<string>()]));
  // First source wins: a value is labelled by its most specific origin (an identifier's kind
  // before an event attribute), so a bank account used as a payout instrument stays `bank`.
  const seen = new Set<string>();
  const add = (field: RedactableField, value: unknown) => {
    if (typeof value !== 'string' || value === '' || seen.has(value)) return;
    const set = out.get(field);
    if (!set) return;
    set.add(value);
    seen.add(value);
  };
  const aliasToField = new Map<string, RedactableField>();
  for (const f of fields) for (const alias of FIELD_ALIASES[f]) aliasToField.set(alias, f);
  for (const s of data.subjects) {
    add('account_id', s.id);
    add('display_name', s.display_name);
    add('email', s.email);
    add('phone', s.phone);
  }
  for (const row of data.identifiers) {
    const field = aliasToField.get(String(row['kind']));
    if (field) add(field, row['value']);
  }
  for (const e of data.events) {
    add('ip', e.ip);
    add('device', e.device);
    const attrs = safeParse(e.attrs);
    for (const [k, v] of Object.entries(attrs)) {
      const field = aliasToField.get(k);
      if (field) add(field, v);
    }
  }
  for (const r of data.relations) {
    add('account_id', r['src_account_id']);
    add('account_id', r['dst_account_id']);
  }
  for (const d of data.decisions) add('account_id', d['account_id']);
  for (const item of data.evidence) {
    const columns = Array.isArray(item.payload['columns'])
      ? (item.payload['columns'] as unknown[]).map(columnName)
      : [];
    const rows = Array.isArray(item.payload['rows']) ? (item.payload['rows'] as unknown[]) : [];
    for (const row of rows) {
      columns.forEach((col, i) => {
        const field = aliasToField.get(col.toLowerCase());
        if (!field) return;
        add(field, Array.isArray(row) ? row[i] : (row as Record<string, unknown> | null)?.[col]);
      });
    }
  }
  return out;
}

function columnName(c: unknown): string {
  if (typeof c === 'string') return c;
  if (c && typeof c === 'object' && typeof (c as { name?: unknown }).name === 'string')
    return (c as { name: string }).name;
  return '';
}

function safeParse(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export interface Redactor {
  readonly fields: readonly RedactableField[];
  readonly mapping: ReadonlyMap<string, { field: RedactableField; pseudonym: string }>;
  /** Replaces every known value inside `text`. */
  text(text: string): string;
  /** Deep copy of `value` with every string redacted. */
  deep<T>(value: T): T;
}

export function buildRedactor(key: Buffer, values: Map<RedactableField, Set<string>>): Redactor {
  const mapping = new Map<string, { field: RedactableField; pseudonym: string }>();
  for (const [field, set] of values)
    for (const v of set) if (!mapping.has(v)) mapping.set(v, { field, pseudonym: pseudonym(key, field, v) });
  const long = [...mapping.keys()]
    .filter((v) => v.length >= MIN_SUBSTRING)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const pattern = long.length
    ? new RegExp(long.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
    : null;
  const text = (input: string): string => {
    const exact = mapping.get(input);
    if (exact) return exact.pseudonym;
    if (!pattern || input.length < MIN_SUBSTRING) return input;
    return input.replace(pattern, (m) => mapping.get(m)?.pseudonym ?? m);
  };
  const deep = <T>(value: T): T => {
    if (mapping.size === 0) return value;
    if (typeof value === 'string') return text(value) as T;
    if (Array.isArray(value)) return value.map((v: unknown) => deep(v)) as T;
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[text(k)] = deep(v);
      return out as T;
    }
    return value;
  };
  return { fields: [...values.keys()], mapping, text, deep };
}
