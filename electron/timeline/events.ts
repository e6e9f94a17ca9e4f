/**
 * `timeline.events`: a page of raw events for the event grid (AG Grid's infinite row model asks
 * for blocks by offset). Ordered by (occurred_at, id) so pages never overlap or skip.
 */
import type { Page } from '../../shared/contract/types.js';
import type { TimelineEventRow } from '../../shared/contract/timeline.js';
import type { Db } from '../db/open.js';
import { EVENTS_IN_SCOPE, resolveScope, stmt } from './scope.js';

/** Returns rows [offset, offset+limit) of the window and the window's total; never fails on an empty window. */
export function timelineEvents(
  db: Db,
  req: { accounts: readonly string[]; from: number; to: number; types?: readonly string[] | undefined; offset: number; limit: number },
): Page<TimelineEventRow> {
  const { extent: _extent, ...scope } = resolveScope(db, req);
  const total = stmt(db, `SELECT count(*) FROM events WHERE ${EVENTS_IN_SCOPE}`).pluck().get(scope) as number;
  const rows = stmt(
    db,
    `SELECT id, account_id AS accountId, occurred_at AS at, type, ip, device, amount, attrs
     FROM events WHERE ${EVENTS_IN_SCOPE} ORDER BY occurred_at, id LIMIT @limit OFFSET @offset`,
  ).all({ ...scope, limit: req.limit, offset: req.offset }) as TimelineEventRow[];
  return { rows, total };
}
