/**
 * Rules as stored in the cache: `rules` holds immutable versions (a trigger refuses UPDATE), so a
 * backtest recorded against (id, version) always refers to exactly the SQL that ran. Saving is a
 * new version when anything changed, with an audit entry; the starter rules (resources/rules)
 * install as version 1 of rules that do not exist yet.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { RingsideError } from '../../shared/contract/errors.js';
import type { RuleDetail, RuleListItem, RuleRunSummary, RuleVersion } from '../../shared/contract/rules.js';
import type { ruleSaveSchema } from '../../shared/contract/rules.js';
import { slug } from '../../shared/lib/slug.js';
import { findResource } from '../resources.js';
import { appendAudit } from '../audit/audit.js';
import type { Db } from '../db/open.js';
import { loadPolicy } from '../policy/load.js';
import { checkStatement } from '../query/check.js';
import type { Workspace } from '../workspace/workspace.js';
import { RULE_PARAMS } from './backtest.js';

type SaveInput = z.output<typeof ruleSaveSchema>;

const COLUMNS = 'id, version, name, description, owner, policy, sql, threshold, note, created_at, created_by';

interface RuleRow {
  id: string;
  version: number;
  name: string;
  description: string;
  owner: string | null;
  policy: string | null;
  sql: string;
  threshold: number | null;
  note: string;
  created_at: number;
  created_by: string;
}

function toVersion(r: RuleRow): RuleVersion {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    description: r.description,
    owner: r.owner ?? '',
    policy: r.policy,
    sql: r.sql,
    threshold: r.threshold,
    note: r.note,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

interface RunRow {
  id: number;
  rule_id: string;
  rule_version: number;
  started_at: number;
  duration_ms: number | null;
  flagged: number | null;
  metrics: string;
  error: string | null;
}

function toRun(r: RunRow): RuleRunSummary {
  const m = JSON.parse(r.metrics) as Partial<{
    precision: number | null;
    recall: number | null;
    f1: number | null;
    threshold: number | null;
    window: { from: number; to: number } | null;
    labelScope: 'policy' | 'any';
  }>;
  return {
    id: r.id,
    ruleId: r.rule_id,
    version: r.rule_version,
    startedAt: r.started_at,
    durationMs: r.duration_ms,
    flagged: r.flagged,
    precision: m.precision ?? null,
    recall: m.recall ?? null,
    f1: m.f1 ?? null,
    threshold: m.threshold ?? null,
    window: m.window ?? null,
    labelScope: m.labelScope ?? 'policy',
    error: r.error,
  };
}

const RUN_COLUMNS = 'id, rule_id, rule_version, started_at, duration_ms, flagged, metrics, error';

export function listRules(db: Db): RuleListItem[] {
  const rows = db
    .prepare(
      `SELECT ${COLUMNS}, (SELECT count(*) FROM rules v WHERE v.id = r.id) AS versions FROM rules r
       WHERE version = (SELECT max(version) FROM rules v WHERE v.id = r.id) ORDER BY name COLLATE NOCASE, id`,
    )
    .all() as (RuleRow & { versions: number })[];
  const lastRun = db.prepare(`SELECT ${RUN_COLUMNS} FROM rule_runs WHERE rule_id = ? ORDER BY started_at DESC, id DESC LIMIT 1`);
  return rows.map((r) => {
    const run = lastRun.get(r.id) as RunRow | undefined;
    return { ...toVersion(r), versions: r.versions, lastRun: run ? toRun(run) : null };
  });
}

export function getRule(db: Db, id: string, version?: number): RuleDetail {
  const row = (
    version === undefined
      ? db.prepare(`SELECT ${COLUMNS} FROM rules WHERE id = ? ORDER BY version DESC LIMIT 1`).get(id)
      : db.prepare(`SELECT ${COLUMNS} FROM rules WHERE id = ? AND version = ?`).get(id, version)
  ) as RuleRow | undefined;
  if (!row)
    throw new RingsideError('NOT_FOUND', version === undefined ? `There is no rule "${id}".` : `Rule "${id}" has no version ${version}.`);
  const versions = (db.prepare(`SELECT ${COLUMNS} FROM rules WHERE id = ? ORDER BY version DESC`).all(id) as RuleRow[]).map((r) => {
    const { sql: _sql, description: _d, ...rest } = toVersion(r);
    return rest;
  });
  const runs = (
    db.prepare(`SELECT ${RUN_COLUMNS} FROM rule_runs WHERE rule_id = ? ORDER BY started_at DESC, id DESC LIMIT 20`).all(id) as RunRow[]
  ).map(toRun);
  return { rule: toVersion(row), versions, runs };
}


/** Refuses what could never run as a rule, naming the field: the SQL, its parameters, the policy. */
function validate(workspace: Workspace, input: SaveInput): void {
  let params: readonly string[];
  try {
    params = checkStatement(input.sql).params;
  } catch (err) {
    if (err instanceof RingsideError) throw new RingsideError(err.code, `Rule SQL: ${err.message}`, { ...(err.details as object | undefined), field: 'sql' });
    throw err;
  }
  const unknown = params.filter((p) => !(RULE_PARAMS as readonly string[]).includes(p));
  if (unknown.length > 0)
    throw new RingsideError(
      'BAD_REQUEST',
      `Rule SQL: a rule can use :from, :to and :now only; it uses ${unknown.map((p) => `:${p}`).join(', ')}.`,
      { field: 'sql' },
    );
  if (input.policy !== null && input.policy !== '') {
    const codes = loadPolicy(workspace).config.policies.map((p) => p.code);
    if (!codes.includes(input.policy))
      throw new RingsideError('BAD_REQUEST', `Policy "${input.policy}" is not in the policy file. Known: ${codes.join(', ')}.`, {
        field: 'policy',
      });
  }
}

/** Saves a new rule or a new version of one; an unchanged save returns the latest (created=false). */
export function saveRule(db: Db, workspace: Workspace, input: SaveInput, actor: string, now = Date.now()): RuleVersion & { created: boolean } {
  validate(workspace, input);
  const policy = input.policy === '' ? null : input.policy;
  return db.transaction(() => {
    let id = input.id;
    let version = 1;
    if (id === undefined) {
      const base = slug(input.name, 56, 'rule');
      id = base;
      const exists = db.prepare('SELECT 1 FROM rules WHERE id = ?').pluck();
      for (let n = 2; exists.get(id) !== undefined; n++) id = `${base}-${n}`;
    } else {
      const latest = db.prepare(`SELECT ${COLUMNS} FROM rules WHERE id = ? ORDER BY version DESC LIMIT 1`).get(id) as RuleRow | undefined;
      if (latest) {
        const same =
          latest.name === input.name &&
          latest.description === input.description &&
          (latest.owner ?? '') === input.owner &&
          latest.policy === policy &&
          latest.sql === input.sql &&
          latest.threshold === input.threshold;
        if (same) return { ...toVersion(latest), created: false };
        version = latest.version + 1;
      }
    }
    db.prepare(`INSERT INTO rules (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      id,
      version,
      input.name,
      input.description,
      input.owner,
      policy,
      input.sql,
      input.threshold,
      input.note,
      now,
      actor,
    );
    appendAudit(db, {
      actor,
      action: version === 1 ? 'rule.created' : 'rule.versioned',
      entityType: 'rule',
      entityId: id,
      payload: {
        version,
        name: input.name,
        policy,
        threshold: input.threshold,
        sqlSha256: createHash('sha256').update(input.sql).digest('hex'),
        note: input.note,
      },
      at: now,
    });
    const row = db.prepare(`SELECT ${COLUMNS} FROM rules WHERE id = ? AND version = ?`).get(id, version) as RuleRow;
    return { ...toVersion(row), created: true };
  })();
}

export function recordRun(
  db: Db,
  run: { ruleId: string; version: number; startedAt: number; durationMs: number; flagged: number | null; metrics: unknown; error: string | null },
  actor: string,
): number {
  const info = db
    .prepare(
      'INSERT INTO rule_runs (rule_id, rule_version, started_at, duration_ms, flagged, metrics, error, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(run.ruleId, run.version, run.startedAt, run.durationMs, run.flagged, JSON.stringify(run.metrics), run.error, actor);
  return Number(info.lastInsertRowid);
}

const starterSchema = z
  .object({
    rules: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          description: z.string(),
          owner: z.string(),
          policy: z.string().nullable(),
          threshold: z.number().nullable(),
          file: z.string().regex(/^[a-z0-9-]+\.sql$/),
        })
        .strict(),
    ),
  })
  .strict();

/** resources/rules (the starter rule set). */
export function starterRulesDir(): string {
  const dir = findResource('rules', 'starter-rules.json');
  if (!dir) throw new RingsideError('NOT_FOUND', 'The starter rules (resources/rules) are missing from this installation.');
  return path.dirname(dir);
}

/** The starter rule set (device sharing, payout sharing, takeover sequence) as save inputs. */
export function starterRules(dir = starterRulesDir()): (SaveInput & { id: string })[] {
  const manifest = starterSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'starter-rules.json'), 'utf8')));
  return manifest.rules.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    owner: r.owner,
    policy: r.policy,
    threshold: r.threshold,
    sql: fs.readFileSync(path.join(dir, r.file), 'utf8').trimEnd(),
    note: 'Starter rule shipped with Ringside',
  }));
}

/** Installs the starter rules that do not exist yet; returns the ids installed. */
export function installStarterRules(db: Db, workspace: Workspace, actor: string): string[] {
  const installed: string[] = [];
  const exists = db.prepare('SELECT 1 FROM rules WHERE id = ?').pluck();
  for (const rule of starterRules()) {
    if (exists.get(rule.id) !== undefined) continue;
    saveRule(db, workspace, rule, actor);
    installed.push(rule.id);
  }
  return installed;
}
