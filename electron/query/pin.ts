/**
 * sql.pin: a query result becomes evidence on a case. The query is run again (so what is pinned
 * is exactly what the payload says, at `ranAt`), its first ROW_CAP rows are kept with the full
 * row count, and the SHA-256 over the canonical JSON of those rows lets anyone re-check them.
 * The evidence item itself is written by cases.addEvidence on the writer (hash, audit entry).
 */
import { createHash } from 'node:crypto';
import { RingsideError } from '../../shared/contract/errors.js';
import type { ParsedRequestOf } from '../../shared/contract/methods.js';
import type { EvidenceItemInfo } from '../../shared/contract/cases.js';
import { canonicalJson } from '../../shared/lib/canonicalJson.js';
import { bindParams, checkStatement } from './check.js';
import type { CollectResult } from './protocol.js';
import type { QueryRunner } from './runner.js';
import type { WriteCall } from './service.js';

/** Rows stored on the evidence item; the row count and the flag say when more existed. */
export const PIN_ROW_CAP = 5000;

export interface PinDeps {
  readonly runner: QueryRunner;
  readonly write: WriteCall;
  readonly lastSyncRunId: () => Promise<number | null>;
}

export async function pinQuery(
  req: ParsedRequestOf<'sql.pin'>,
  deps: PinDeps,
): Promise<EvidenceItemInfo & { rowCount: number; truncated: boolean }> {
  const checked = checkStatement(req.sql);
  const params = bindParams(checked, req.params);
  const ranAt = Date.now();
  const started = performance.now();
  const result = await deps.runner.request<CollectResult>(
    { type: 'collect', sql: checked.sql, params, cap: PIN_ROW_CAP },
    { timeoutMs: req.timeoutMs },
  );
  const elapsedMs = Math.round(performance.now() - started);
  const payload = {
    sql: checked.sql,
    params,
    columns: result.columns.map((c) => ({ name: c.name, type: c.declaredType ?? c.affinity })),
    rows: result.rows,
    rowCount: result.rowCount,
    rowCap: PIN_ROW_CAP,
    truncated: result.rowCount > result.rows.length,
    ranAt,
    elapsedMs,
    rowsSha256: createHash('sha256').update(canonicalJson(result.rows)).digest('hex'),
    lastSyncRunId: await deps.lastSyncRunId().catch(() => null),
  };
  const outcome = await deps.write('cases.addEvidence', {
    caseId: req.caseId,
    kind: 'query',
    title: req.title,
    payload,
  });
  if (!outcome.ok) throw new RingsideError(outcome.error.code, outcome.error.message, outcome.error.details);
  return { ...(outcome.value as EvidenceItemInfo), rowCount: result.rowCount, truncated: payload.truncated };
}
