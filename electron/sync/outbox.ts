/**
 * The outbox: decisions and lifecycle changes made in Ringside, waiting to go upstream. Items are
 * keyed by an idempotency key, so enqueueing twice is one item and sending twice is harmless:
 *  - folder source: one JSON line per item appended to `<folder>/outbox/<kind>s-YYYYMMDD.jsonl`
 *    (the item's creation day, UTC); the file is read first and a key already there is not
 *    written again (a flush that died between the append and the cache update repeats safely);
 *  - HTTP source: `POST <manifest folder>/outbox` with the item as JSON and an `Idempotency-Key`
 *    header; any 2xx is success (409 Conflict too: the server already has that key).
 * Each attempt updates `attempts`, and `sent_at` or `last_error`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RingsideError } from '../../shared/contract/errors.js';
import type { OutboxItem } from '../../shared/contract/sync.js';
import type { Db } from '../db/open.js';
import type { JobContext } from '../service/context.js';
import { OUTBOX_DIR } from './folderSource.js';
import { DEFAULT_TIMEOUT_MS, outboxUrl, timedFetch } from './httpSource.js';
import { getSource } from './sources.js';

export interface OutboxInput {
  readonly kind: OutboxItem['kind'];
  readonly entityId: string;
  readonly payload: unknown;
  readonly idempotencyKey: string;
}

export interface FlushResult {
  readonly sent: number;
  readonly alreadySent: number;
  readonly failed: number;
}

interface StoredItem {
  id: number;
  idempotency_key: string;
  kind: OutboxItem['kind'];
  entity_id: string;
  payload: string;
  created_at: number;
  source_id: number | null;
  sent_at: number | null;
  attempts: number;
  last_error: string | null;
}

function toItem(row: StoredItem): OutboxItem {
  let payload: unknown = row.payload;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    // Stored by us as JSON; a hand-edited value is returned as text.
  }
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    kind: row.kind,
    entityId: row.entity_id,
    payload,
    createdAt: row.created_at,
    sourceId: row.source_id,
    sentAt: row.sent_at,
    attempts: row.attempts,
    lastError: row.last_error,
  };
}

/**
 * Queues an item for upstream. Idempotent: a key already queued returns the existing item
 * unchanged (its first payload wins, as upstream would see it). Throws BAD_INPUT for an empty
 * key or a payload that is not JSON-serialisable. Call inside the caller's transaction.
 */
export function enqueueOutbox(db: Db, input: OutboxInput): OutboxItem {
  if (input.idempotencyKey.trim() === '')
    throw new RingsideError('BAD_INPUT', 'An outbox item needs a non-empty idempotency key.');
  let payload: string;
  try {
    payload = JSON.stringify(input.payload ?? null);
  } catch (err) {
    throw new RingsideError('BAD_INPUT', `Outbox payload for ${input.entityId} is not JSON: ${(err as Error).message}`);
  }
  db.prepare(
    `INSERT INTO outbox (idempotency_key, kind, entity_id, payload, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (idempotency_key) DO NOTHING`,
  ).run(input.idempotencyKey, input.kind, input.entityId, payload, Date.now());
  return toItem(db.prepare('SELECT * FROM outbox WHERE idempotency_key = ?').get(input.idempotencyKey) as StoredItem);
}

/** Outbox items oldest first; `pendingOnly` leaves out those already sent. */
export function listOutbox(db: Db, pendingOnly: boolean): OutboxItem[] {
  const where = pendingOnly ? 'WHERE sent_at IS NULL' : '';
  return (db.prepare(`SELECT * FROM outbox ${where} ORDER BY id`).all() as StoredItem[]).map(toItem);
}

/** The line written for an item (folder) or POSTed (HTTP). */
function wireForm(item: OutboxItem): string {
  return JSON.stringify({
    idempotencyKey: item.idempotencyKey,
    kind: item.kind,
    entityId: item.entityId,
    payload: item.payload,
    createdAt: new Date(item.createdAt).toISOString(),
  });
}

/** `<kind>s-YYYYMMDD.jsonl` for the item's creation day (UTC), so a re-flush finds it again. */
export function outboxFileName(item: Pick<OutboxItem, 'kind' | 'createdAt'>): string {
  const day = new Date(item.createdAt).toISOString().slice(0, 10).replace(/-/g, '');
  return `${item.kind}s-${day}.jsonl`;
}

/**
 * Sends every pending item to a source. Failures are recorded per item (`last_error`) and
 * counted, not thrown; the job throws only NOT_FOUND for an unknown source or CANCELLED (items
 * sent before the cancel stay sent).
 */
export async function flushOutbox(
  ctx: JobContext,
  sourceId: number,
  opts: { timeoutMs?: number } = {},
): Promise<FlushResult> {
  const { db } = ctx;
  const source = getSource(db, sourceId);
  const pending = listOutbox(db, true);
  const markSent = db.prepare(
    'UPDATE outbox SET sent_at = ?, source_id = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?',
  );
  const markFailed = db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?');
  const result = { sent: 0, alreadySent: 0, failed: 0 };
  const send =
    source.kind === 'folder'
      ? folderSender(source.location)
      : httpSender(source.location, opts.timeoutMs ?? source.config.timeoutMs ?? DEFAULT_TIMEOUT_MS, ctx);
  try {
    for (const [index, item] of pending.entries()) {
      ctx.throwIfCancelled();
      ctx.progress({ unit: 'items', done: index, total: pending.length, message: `${item.kind} ${item.entityId}` });
      try {
        const outcome = await send(item);
        markSent.run(Date.now(), source.id, item.id);
        if (outcome === 'already') result.alreadySent += 1;
        else result.sent += 1;
      } catch (err) {
        if (err instanceof RingsideError && err.code === 'CANCELLED') throw err;
        markFailed.run(err instanceof Error ? err.message : String(err), item.id);
        result.failed += 1;
      }
    }
  } finally {
    ctx.changed('outbox');
  }
  ctx.progress({ unit: 'items', done: pending.length, total: pending.length, message: 'Outbox sent' });
  return result;
}

type Sender = (item: OutboxItem) => Promise<'sent' | 'already'>;

function folderSender(folder: string): Sender {
  const dir = path.join(folder, OUTBOX_DIR);
  // Keys already in each file, read once per flush; plus whether the file ends with a newline.
  const known = new Map<string, { keys: Set<string>; endsWithNewline: boolean }>();
  const load = (file: string) => {
    let state = known.get(file);
    if (state) return state;
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const keys = new Set<string>();
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const key = (JSON.parse(line) as { idempotencyKey?: unknown }).idempotencyKey;
        if (typeof key === 'string') keys.add(key);
      } catch {
        // A line cut short by a crash: its item will be written again in full.
      }
    }
    state = { keys, endsWithNewline: text.length === 0 || text.endsWith('\n') };
    known.set(file, state);
    return state;
  };
  return async (item) => {
    try {
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, outboxFileName(item));
      const state = load(file);
      if (state.keys.has(item.idempotencyKey)) return 'already';
      const line = `${state.endsWithNewline ? '' : '\n'}${wireForm(item)}\n`;
      const fd = fs.openSync(file, 'a');
      try {
        fs.writeSync(fd, line);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      state.keys.add(item.idempotencyKey);
      state.endsWithNewline = true;
      return 'sent';
    } catch (err) {
      throw new Error(`Cannot write to ${dir}: ${(err as Error).message}`);
    }
  };
}

function httpSender(manifestUrl: string, timeoutMs: number, ctx: JobContext): Sender {
  const url = outboxUrl(manifestUrl);
  return async (item) => {
    const timed = await timedFetch(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': item.idempotencyKey },
        body: wireForm(item),
      },
      timeoutMs,
      ctx,
    );
    // Drain the body so the connection is reused, within the same timeout.
    try {
      await timed.response.arrayBuffer();
    } catch (err) {
      throw timed.finish(err) ?? err;
    }
    timed.finish();
    const { status, statusText } = timed.response;
    if (status === 409 || timed.response.headers.get('idempotent-replayed') === 'true') return 'already';
    if (status >= 200 && status < 300) return 'sent';
    throw new Error(`POST ${url} failed: HTTP ${status} ${statusText}`.trim());
  };
}
