/**
 * The demo extract generator: a realistic, seeded, synthetic marketplace (accounts,
 * identifiers, events, relations, cases, decisions) with injected fraud rings, account
 * takeovers and benign look-alikes, written in the canonical extract format (see
 * shared/domain/extract.ts) together with `ground_truth.json` for measuring detectors.
 *
 * Pipeline: plan (cross-account structure, O(accounts) typed arrays) -> stream accounts one by
 * one through buffered CSV writers -> cases, case subjects -> ground truth.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { canonicalColumns, type Entity } from '../../shared/domain/extract.js';
import { EXTRA_COLUMNS, writeAccount, type WriteContext, type Writers } from './account.js';
import { CsvWriter, csvField } from './csv.js';
import { isoUtc } from './iso.js';
import { buildPlan } from './plan.js';
import { accountId, RING_KINDS, type Plan, type RingKind } from './types.js';
import { Values } from './values.js';

export type { RingKind } from './types.js';

export interface DemoOptions {
  /** Folder to write into; created if missing. Existing files of the same names are replaced. */
  outDir: string;
  /** Any integer; default 1. Same seed and options give byte-identical files. */
  seed?: number;
  /** Number of accounts (1..10,000,000); default 5000. */
  accounts?: number;
  /** Average events per account, signup and KYC included (minimum is 2 per account); default 40. */
  eventsPerAccount?: number;
  /**
   * Extra account-to-account links per account from benign households (0..6; default 0 = none,
   * the default extract). For scale tests of the graph: 2.2 at a million accounts gives ~3M links.
   */
  linkDensity?: number;
  /** Called at most every 1000 accounts (plus once per phase). */
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
  /** Polled every 1000 accounts; when it returns true generation stops with Error('cancelled'). */
  isCancelled?: () => boolean;
}

export interface DemoSummary {
  outDir: string;
  seed: number;
  accounts: number;
  eventsPerAccount: number;
  linkDensity: number;
  /** Benign households added by linkDensity. */
  households: number;
  /** Data rows per file (headers not counted), keyed by file name, e.g. `events.csv`. */
  files: Record<string, number>;
  rings: number;
  ringsByKind: Record<RingKind, number>;
  takeovers: number;
  benign: number;
  cases: number;
  elapsedMs: number;
}

/** Every file the generator writes, in write order. */
export const DEMO_FILES = [
  'accounts.csv',
  'identifiers.csv',
  'events.csv',
  'relations.csv',
  'cases.csv',
  'case_subjects.csv',
  'decisions.csv',
  'ground_truth.json',
] as const;

const PROGRESS_EVERY = 1000;

function header(entity: Entity): string[] {
  const extra: readonly string[] = entity === 'accounts' || entity === 'events' ? EXTRA_COLUMNS[entity] : [];
  return [...canonicalColumns(entity), ...extra];
}

function validate(opts: DemoOptions): { seed: number; accounts: number; eventsPerAccount: number; linkDensity: number } {
  const seed = opts.seed ?? 1;
  const accounts = opts.accounts ?? 5000;
  const eventsPerAccount = opts.eventsPerAccount ?? 40;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer (got ${seed})`);
  if (!Number.isInteger(accounts) || accounts < 1 || accounts > 10_000_000) {
    throw new RangeError(`accounts must be a whole number from 1 to 10,000,000 (got ${accounts})`);
  }
  if (!Number.isFinite(eventsPerAccount) || eventsPerAccount <= 0 || eventsPerAccount > 10_000) {
    throw new RangeError(`eventsPerAccount must be a number above 0 and at most 10,000 (got ${eventsPerAccount})`);
  }
  const linkDensity = opts.linkDensity ?? 0;
  if (!Number.isFinite(linkDensity) || linkDensity < 0 || linkDensity > 6) {
    throw new RangeError(`linkDensity must be a number from 0 to 6 (got ${linkDensity})`);
  }
  return { seed, accounts, eventsPerAccount, linkDensity };
}

/**
 * Generates the demo extract into `opts.outDir`. Deterministic: no clock or Math.random reaches
 * the files. Streams account by account with backpressure (1M accounts run in bounded memory).
 * Failure modes: RangeError for invalid options; Error('cancelled') when `isCancelled()` turns
 * true; I/O errors (disk full, permissions) are rethrown. On any failure the partially written
 * files are removed, so a half-written extract is never left behind for a sync to pick up.
 */
export async function generateDemo(opts: DemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const { seed, accounts, eventsPerAccount, linkDensity } = validate(opts);
  const progress = opts.onProgress ?? (() => undefined);
  const checkCancelled = (): void => {
    if (opts.isCancelled?.()) throw new Error('cancelled');
  };

  fs.mkdirSync(opts.outDir, { recursive: true });
  checkCancelled();
  progress({ phase: 'plan', done: 0, total: accounts });
  const values = new Values(seed);
  const plan = buildPlan(seed, accounts, eventsPerAccount, values, linkDensity);
  checkCancelled();

  const open = (entity: Entity): CsvWriter => new CsvWriter(path.join(opts.outDir, `${entity}.csv`), header(entity));
  const out: Writers = {
    accounts: open('accounts'),
    identifiers: open('identifiers'),
    events: open('events'),
    relations: open('relations'),
    cases: open('cases'),
    case_subjects: open('case_subjects'),
    decisions: open('decisions'),
  };
  const writers = Object.values(out);
  const truthFile = path.join(opts.outDir, 'ground_truth.json');
  try {
    const ctx: WriteContext = { plan, values, out, seq: { event: 0, relation: 0, decision: 0 } };
    progress({ phase: 'accounts', done: 0, total: accounts });
    for (let i = 0; i < accounts; i++) {
      writeAccount(ctx, i);
      for (const w of writers) {
        const wait = w.flush();
        if (wait) await wait;
      }
      if ((i + 1) % PROGRESS_EVERY === 0) {
        progress({ phase: 'accounts', done: i + 1, total: accounts });
        // Let the event loop breathe so a cancel request (or a UI message) can get through.
        await new Promise<void>((resolve) => setImmediate(resolve));
        checkCancelled();
      }
    }
    progress({ phase: 'accounts', done: accounts, total: accounts });
    await writeCases(plan, out);
    checkCancelled();
    await Promise.all(writers.map((w) => w.close()));
    await fs.promises.writeFile(truthFile, groundTruthJson(plan), 'utf8');
    progress({ phase: 'cases', done: plan.cases.length, total: plan.cases.length });
  } catch (err) {
    for (const w of writers) w.destroy();
    for (const w of writers) fs.rmSync(w.file, { force: true });
    fs.rmSync(truthFile, { force: true });
    throw err;
  }

  const ringsByKind = Object.fromEntries(RING_KINDS.map((k) => [k, 0])) as Record<RingKind, number>;
  for (const r of plan.rings) ringsByKind[r.kind]++;
  const files: Record<string, number> = {};
  for (const [entity, w] of Object.entries(out)) files[`${entity}.csv`] = w.rows;
  return {
    outDir: opts.outDir,
    seed,
    accounts,
    eventsPerAccount,
    linkDensity,
    households: plan.households.length,
    files,
    rings: plan.rings.length,
    ringsByKind,
    takeovers: plan.takeoverAt.size,
    benign: plan.hubs.length + plan.groups.length,
    cases: plan.cases.length,
    elapsedMs: Math.round(performance.now() - started),
  };
}

async function writeCases(plan: Plan, out: Writers): Promise<void> {
  const iso = isoUtc;
  for (const c of plan.cases) {
    out.cases.line(
      `${c.id},${csvField(c.title)},${c.status},${c.priority},${c.severity},${c.policy},${c.assignee},` +
        `${iso(c.openedAt)},${iso(c.slaDueAt)},${c.originRule}\n`,
    );
    for (const s of c.subjects) out.case_subjects.line(`${c.id},${accountId(plan, s.account)},${s.role}\n`);
    for (const w of [out.cases, out.case_subjects]) {
      const wait = w.flush();
      if (wait) await wait;
    }
  }
}

/**
 * ground_truth.json: one array element per line (diffable, and compact at a million accounts).
 * Account ids are sorted; takeovers by account id; cases in id order.
 */
function groundTruthJson(plan: Plan): string {
  const ids = (members: readonly number[]): string[] =>
    [...members].sort((a, b) => a - b).map((a) => accountId(plan, a));
  const rings = plan.rings.map((r) => ({ id: r.id, kind: r.kind, accounts: ids(r.members), identifiers: r.shared }));
  const takeovers = [...plan.takeoverAt]
    .sort((a, b) => a[0] - b[0])
    .map(([a, at]) => ({ account: accountId(plan, a), at: new Date(at).toISOString() }));
  const benign = [...plan.hubs, ...plan.groups].map((g) => ({
    id: g.id,
    kind: g.kind,
    accounts: ids(g.members),
    identifier: g.identifier,
  }));
  const cases = plan.cases.map((c) => ({ id: c.id, truePositive: c.truePositive }));
  // Only with the link-density option (the default file stays byte-identical): a count, not a list.
  const households = plan.households.length
    ? `  "households": ${JSON.stringify({ count: plan.households.length, accounts: plan.households.reduce((s, h) => s + h.members.length, 0) })},\n`
    : '';
  const list = (items: readonly unknown[]): string =>
    items.length === 0 ? '[]' : `[\n${items.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`;
  return (
    `{\n  "seed": ${JSON.stringify(plan.seed)},\n  "accounts": ${plan.accounts},\n  "generatedFor": "ringside demo",\n` +
    `  "rings": ${list(rings)},\n  "takeovers": ${list(takeovers)},\n  "benign": ${list(benign)},\n${households}  "cases": ${list(cases)}\n}\n`
  );
}
