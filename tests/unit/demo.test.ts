/**
 * The demo generator writes real files into temp folders; these tests read them back the way
 * the sync engine and the ring detector will: format, referential integrity, determinism,
 * scaling, and that the injected ground truth is recoverable (and not trivially so).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalColumns, ENTITIES, type Entity } from '../../shared/domain/extract.js';
import { EVENT_TYPES, IDENTIFIER_KINDS, LIFECYCLE_STATES, SANCTIONS } from '../../shared/domain/model.js';
import { csvField, csvLine } from '../../electron/demo/csv.js';
import { DEMO_FILES, generateDemo, type DemoSummary } from '../../electron/demo/generate.js';
import { isoUtc } from '../../electron/demo/iso.js';
import { mixBits, permute, Rng } from '../../electron/demo/rng.js';

interface Truth {
  seed: number;
  accounts: number;
  generatedFor: string;
  rings: { id: string; kind: string; accounts: string[]; identifiers: { kind: string; value: string }[] }[];
  takeovers: { account: string; at: string }[];
  benign: { id: string; kind: string; accounts: string[]; identifier: { kind: string; value: string } }[];
  cases: { id: string; truePositive: boolean }[];
}

type Row = Record<string, string>;

const tmpRoots: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ringside-demo-'));
  tmpRoots.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of tmpRoots) fs.rmSync(d, { recursive: true, force: true });
});

const EXTRAS: Partial<Record<Entity, string[]>> = {
  accounts: ['kyc_status'],
  events: ['result', 'task_id', 'duration_s', 'answer_hash', 'instrument', 'sanction'],
};

function readCsv(dir: string, entity: Entity): { header: string[]; rows: Row[] } {
  const text = fs.readFileSync(path.join(dir, `${entity}.csv`), 'utf8');
  const records = parse(text) as string[][];
  const header = records[0] ?? [];
  const rows = records.slice(1).map((r) => {
    expect(r.length).toBe(header.length);
    return Object.fromEntries(header.map((h, k) => [h, r[k] ?? ''])) as Row;
  });
  return { header, rows };
}

function readAll(dir: string): { data: Record<Entity, Row[]>; headers: Record<Entity, string[]>; truth: Truth } {
  const data = {} as Record<Entity, Row[]>;
  const headers = {} as Record<Entity, string[]>;
  for (const e of ENTITIES) {
    const { header, rows } = readCsv(dir, e);
    data[e] = rows;
    headers[e] = header;
  }
  const truth = JSON.parse(fs.readFileSync(path.join(dir, 'ground_truth.json'), 'utf8')) as Truth;
  return { data, headers, truth };
}

const RARE = new Set(['device', 'payment_instrument', 'bank_account', 'phone', 'address']);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('csv helpers', () => {
  it('quotes only fields that need it (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvLine(['x', 'y,z', ''])).toBe('x,"y,z",\n');
  });

  it('isoUtc matches Date.toISOString', () => {
    const rng = new Rng(1);
    for (let k = 0; k < 5000; k++) {
      const ms = Math.floor(rng.range(Date.UTC(2024, 0, 1), Date.UTC(2028, 0, 1))) + (k % 2 ? 0.7 : 0);
      expect(isoUtc(ms)).toBe(new Date(ms).toISOString());
    }
    expect(isoUtc(Date.UTC(2026, 9, 30, 23, 59, 59, 999))).toBe('2026-10-30T23:59:59.999Z');
  });

  it('permute is a bijection on [0, m)', () => {
    for (const m of [1, 7, 100, 1000, 4097]) {
      const seen = new Set<number>();
      for (let u = 0; u < m; u++) seen.add(permute(u, m, 12345));
      expect(seen.size).toBe(m);
      for (const v of seen) expect(v).toBeLessThan(m);
    }
    const s = new Set<number>();
    for (let u = 0; u < 1 << 12; u++) s.add(mixBits(u, 12, 99));
    expect(s.size).toBe(1 << 12);
  });
});

describe('generateDemo', () => {
  // Large enough for ~40 rings of every kind, small enough to read back in well under a second.
  const N = 2400;
  let dirA = '';
  let summary: DemoSummary;
  let all: ReturnType<typeof readAll>;
  const progress: { phase: string; done: number; total: number }[] = [];

  beforeAll(async () => {
    dirA = path.join(tmpDir(), 'nested', 'out'); // must be created
    summary = await generateDemo({
      outDir: dirA,
      seed: 7,
      accounts: N,
      eventsPerAccount: 8,
      onProgress: (p) => progress.push(p),
    });
    all = readAll(dirA);
  });

  it('is byte-identical for the same seed and differs for another seed', async () => {
    const dirB = tmpDir();
    const dirC = tmpDir();
    await generateDemo({ outDir: dirB, seed: 7, accounts: N, eventsPerAccount: 8 });
    await generateDemo({ outDir: dirC, seed: 8, accounts: N, eventsPerAccount: 8 });
    for (const f of DEMO_FILES) {
      const a = fs.readFileSync(path.join(dirA, f));
      expect(a.equals(fs.readFileSync(path.join(dirB, f))), f).toBe(true);
      expect(a.equals(fs.readFileSync(path.join(dirC, f))), f).toBe(false);
    }
  });

  it('writes the canonical headers, LF endings, no BOM, and parseable rows', () => {
    for (const e of ENTITIES) {
      expect(all.headers[e]).toEqual([...canonicalColumns(e), ...(EXTRAS[e] ?? [])]);
      const raw = fs.readFileSync(path.join(dirA, `${e}.csv`));
      expect(raw[0]).not.toBe(0xef);
      expect(raw.includes(13)).toBe(false);
      expect(raw[raw.length - 1]).toBe(10);
      expect(all.data[e].length).toBe(summary.files[`${e}.csv`]);
    }
    expect(summary.files['accounts.csv']).toBe(N);
    expect(progress[0]?.phase).toBe('plan');
    expect(progress.some((p) => p.phase === 'accounts' && p.done === N)).toBe(true);
  });

  it('keeps referential integrity, valid enums, ISO timestamps and ordering', () => {
    const { data } = all;
    // Collect problems instead of one expect per field: fast, and one readable failure.
    const problems: string[] = [];
    const check = (ok: boolean, what: string): void => {
      if (!ok && problems.length < 20) problems.push(what);
    };
    const created = new Map(data.accounts.map((a) => [a.id as string, Date.parse(a.created_at as string)]));
    expect(created.size).toBe(N);
    expect(data.accounts[0]?.id).toBe('acc_0000001');
    for (const a of data.accounts) {
      check(ISO.test(a.created_at as string), `created_at ${a.id}`);
      check((LIFECYCLE_STATES as readonly string[]).includes(a.lifecycle_state as string), `lifecycle ${a.id}`);
      check(Number(a.risk_score) >= 0 && Number(a.risk_score) <= 1, `risk ${a.id}`);
      check(/@example\.(com|net|org)$/.test(a.email as string), `email ${a.id}`);
      check(/^\+\d{1,3}-555-\d{4}-\d{4}$/.test(a.phone as string), `phone ${a.id}`);
      check(a.kyc_status === 'passed' || a.kyc_status === 'failed', `kyc_status ${a.id}`);
    }
    const seen = new Map<string, { signup: number; kyc: number }>();
    for (const e of data.events) {
      const c = created.get(e.account_id as string);
      const t = Date.parse(e.occurred_at as string);
      check(ISO.test(e.occurred_at as string), `occurred_at ${e.id}`);
      check((EVENT_TYPES as readonly string[]).includes(e.type as string), `type ${e.id}`);
      check(c !== undefined && t >= c && t < Date.UTC(2026, 9, 31), `time ${e.id}`);
      const s = seen.get(e.account_id as string) ?? { signup: 0, kyc: 0 };
      if (e.type === 'signup') {
        s.signup++;
        check(t === c, `signup at created_at ${e.id}`);
      }
      if (e.type === 'kyc_check') {
        s.kyc++;
        check(e.result === 'pass' || e.result === 'fail', `kyc result ${e.id}`);
      }
      if (e.type === 'task_submit') {
        check(Number(e.duration_s) >= 1, `duration ${e.id}`);
        check(
          /^[0-9a-f]{16}$/.test(e.answer_hash as string) && /^task_\d{7}$/.test(e.task_id as string),
          `task ${e.id}`,
        );
      }
      if (e.type === 'payout') check(Number(e.amount) > 0 && (e.instrument ?? '') !== '', `payout ${e.id}`);
      if (['login', 'task_submit', 'signup', 'password_reset'].includes(e.type as string)) {
        check(/^dev_[0-9a-f]{12}$/.test(e.device as string), `device ${e.id}`);
        check(/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(e.ip as string), `ip ${e.id}`);
      }
      seen.set(e.account_id as string, s);
    }
    expect(seen.size).toBe(N);
    for (const [a, s] of seen) check(s.signup === 1 && s.kyc >= 1, `signup/kyc ${a}`);
    for (const i of data.identifiers) {
      check(created.has(i.account_id as string), `identifier account ${i.account_id}`);
      check((IDENTIFIER_KINDS as readonly string[]).includes(i.kind as string), `identifier kind ${i.kind}`);
      check(
        ISO.test(i.first_seen as string) && Date.parse(i.last_seen as string) >= Date.parse(i.first_seen as string),
        `seen ${i.value}`,
      );
    }
    for (const r of data.relations) {
      check(
        created.has(r.src_account_id as string) && created.has(r.dst_account_id as string),
        `relation refs ${r.id}`,
      );
      check(r.src_account_id !== r.dst_account_id, `self relation ${r.id}`);
      check(
        ['referral', 'payment', 'review', 'message'].includes(r.kind as string) && ISO.test(r.occurred_at as string),
        `relation ${r.id}`,
      );
    }
    const caseIds = new Set(data.cases.map((c) => c.id));
    for (const c of data.cases) {
      check(
        ISO.test(c.opened_at as string) && Date.parse(c.sla_due_at as string) > Date.parse(c.opened_at as string),
        `case times ${c.id}`,
      );
      check(/^P[1-4]$/.test(c.priority as string) && /^S[1-4]$/.test(c.severity as string), `case tiers ${c.id}`);
    }
    for (const s of data.case_subjects)
      check(caseIds.has(s.case_id) && created.has(s.account_id as string), `subject ${s.case_id}`);
    for (const d of data.decisions) {
      check(created.has(d.account_id as string), `decision account ${d.id}`);
      check((SANCTIONS as readonly string[]).includes(d.sanction as string), `sanction ${d.id}`);
      check(['', 'upheld', 'overturned'].includes(d.appeal_outcome as string), `appeal ${d.id}`);
      check(
        ISO.test(d.decided_at as string) &&
          Date.parse(d.decided_at as string) > (created.get(d.account_id as string) ?? Infinity),
        `decided_at ${d.id}`,
      );
      check(!d.case_id || caseIds.has(d.case_id), `decision case ${d.id}`);
    }
    expect(problems).toEqual([]);
    expect(data.decisions.some((d) => d.sanction === 'no_action')).toBe(true);
    expect(data.decisions.some((d) => d.appeal_outcome === 'overturned')).toBe(true);
    for (const e of ['events', 'relations', 'cases', 'decisions'] as const) {
      expect(new Set(data[e].map((r) => r.id)).size).toBe(data[e].length);
    }
  });

  it('injects disjoint rings, each one connected component of rare identifiers', () => {
    const { data, truth } = all;
    expect(truth.generatedFor).toBe('ringside demo');
    expect(truth.seed).toBe(7);
    expect(truth.rings.length).toBe(N / 60);
    expect(new Set(truth.rings.map((r) => r.kind))).toEqual(
      new Set(['device_farm', 'shared_payout', 'referral_ring', 'task_gaming']),
    );
    const ringOf = new Map<string, string>();
    for (const r of truth.rings) {
      expect([...r.accounts].sort()).toEqual(r.accounts);
      expect(r.accounts.length).toBeGreaterThanOrEqual(3);
      expect(r.accounts.length).toBeLessThanOrEqual(20);
      for (const a of r.accounts) {
        expect(ringOf.has(a), `${a} in two rings`).toBe(false);
        ringOf.set(a, r.id);
      }
    }
    const holders = new Map<string, Set<string>>();
    for (const i of data.identifiers) {
      const key = `${i.kind}|${i.value}`;
      const set = holders.get(key) ?? new Set<string>();
      set.add(i.account_id as string);
      holders.set(key, set);
    }
    for (const r of truth.rings) {
      const members = new Set(r.accounts);
      // Listed identifiers really are held by members (and only by members, unless an IP hub).
      for (const x of r.identifiers) {
        const h = holders.get(`${x.kind}|${x.value}`);
        expect(h && h.size >= 1, `${r.id} ${x.value}`).toBe(true);
        for (const a of h ?? []) expect(members.has(a)).toBe(true);
      }
      // Connectivity through identifiers + relations restricted to the ring.
      const adj = new Map<string, Set<string>>(r.accounts.map((a) => [a, new Set<string>()]));
      const link = (a: string, b: string): void => {
        adj.get(a)?.add(b);
        adj.get(b)?.add(a);
      };
      for (const [key, h] of holders) {
        if (key.startsWith('ip|')) continue;
        const inRing = [...h].filter((a) => members.has(a));
        for (let k = 1; k < inRing.length; k++) link(inRing[0] as string, inRing[k] as string);
      }
      // Only referrals count: messages and payments inside a ring must not be what holds it together.
      for (const rel of data.relations) {
        if (rel.kind !== 'referral') continue;
        if (members.has(rel.src_account_id as string) && members.has(rel.dst_account_id as string))
          link(rel.src_account_id as string, rel.dst_account_id as string);
      }
      const start = r.accounts[0] as string;
      const reached = new Set([start]);
      const queue = [start];
      while (queue.length) {
        for (const b of adj.get(queue.pop() as string) ?? []) {
          if (reached.has(b)) continue;
          reached.add(b);
          queue.push(b);
        }
      }
      expect(reached.size, r.id).toBe(r.accounts.length);
    }
    // No ring member shares a non-IP identifier with a non-member, nor a relation with one.
    for (const [key, h] of holders) {
      if (key.startsWith('ip|') || h.size < 2) continue;
      const rings = new Set([...h].map((a) => ringOf.get(a) ?? 'none'));
      expect(rings.size, key).toBe(1);
    }
    for (const rel of data.relations) {
      expect(ringOf.get(rel.src_account_id as string) ?? 'none').toBe(
        ringOf.get(rel.dst_account_id as string) ?? 'none',
      );
    }
  });

  it('lets a link-graph detector recover every ring as a component (Jaccard 1)', () => {
    const { data, truth } = all;
    const parent = new Map<string, string>();
    const find = (a: string): string => {
      let x = a;
      while (parent.has(x) && parent.get(x) !== x) x = parent.get(x) as string;
      parent.set(a, x);
      return x;
    };
    const union = (a: string, b: string): void => {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent.set(ra, rb);
    };
    const byValue = new Map<string, string>();
    for (const i of data.identifiers) {
      if (!RARE.has(i.kind as string)) continue;
      const key = `${i.kind}|${i.value}`;
      const first = byValue.get(key);
      if (first) union(first, i.account_id as string);
      else byValue.set(key, i.account_id as string);
    }
    for (const r of data.relations)
      if (r.kind === 'referral') union(r.src_account_id as string, r.dst_account_id as string);
    const components = new Map<string, Set<string>>();
    for (const a of data.accounts) {
      const root = find(a.id as string);
      const set = components.get(root) ?? new Set<string>();
      set.add(a.id as string);
      components.set(root, set);
    }
    for (const r of truth.rings) {
      const comp = components.get(find(r.accounts[0] as string)) ?? new Set<string>();
      const inter = r.accounts.filter((a) => comp.has(a)).length;
      expect(inter / (comp.size + r.accounts.length - inter), r.id).toBe(1);
    }
  });

  it('records benign look-alikes: hubs of 30+ accounts, families spread in time with separate payouts', () => {
    const { data, truth } = all;
    const created = new Map(data.accounts.map((a) => [a.id as string, Date.parse(a.created_at as string)]));
    const hubs = truth.benign.filter((b) => b.kind === 'office_ip' || b.kind === 'vpn_exit');
    expect(hubs.length).toBeGreaterThanOrEqual(1);
    for (const h of hubs) {
      expect(h.accounts.length).toBeGreaterThanOrEqual(30);
      expect(h.identifier.kind).toBe('ip');
      const holders = new Set(data.identifiers.filter((i) => i.value === h.identifier.value).map((i) => i.account_id));
      expect(holders).toEqual(new Set(h.accounts));
    }
    const families = truth.benign.filter((b) => b.kind === 'family_device');
    expect(families.length).toBeGreaterThanOrEqual(1);
    for (const f of families) {
      const times = f.accounts.map((a) => created.get(a) as number).sort((x, y) => x - y);
      for (let k = 1; k < times.length; k++)
        expect((times[k] as number) - (times[k - 1] as number)).toBeGreaterThan(25 * 86_400_000);
      const payouts = data.identifiers.filter(
        (i) =>
          f.accounts.includes(i.account_id as string) && (i.kind === 'payment_instrument' || i.kind === 'bank_account'),
      );
      expect(new Set(payouts.map((p) => p.value)).size).toBe(payouts.length);
    }
    expect(truth.benign.some((b) => b.kind === 'coworking_address')).toBe(true);
  });

  it('scripts takeovers: new device login, password reset, payout change, payout within 24 h', () => {
    const { data, truth } = all;
    expect(truth.takeovers.length).toBeGreaterThanOrEqual(1);
    const byAccount = new Map<string, Row[]>();
    for (const e of data.events) {
      const list = byAccount.get(e.account_id as string) ?? [];
      list.push(e);
      byAccount.set(e.account_id as string, list);
    }
    for (const t of truth.takeovers) {
      const evs = (byAccount.get(t.account) ?? [])
        .slice()
        .sort((a, b) => Date.parse(a.occurred_at as string) - Date.parse(b.occurred_at as string));
      const at = Date.parse(t.at);
      const k = evs.findIndex((e) => e.type === 'login' && Date.parse(e.occurred_at as string) === at);
      expect(k, t.account).toBeGreaterThan(0);
      const login = evs[k] as Row;
      expect(evs.slice(0, k).some((e) => e.device === login.device)).toBe(false);
      expect(evs.slice(0, k).some((e) => e.ip === login.ip)).toBe(false);
      const after = evs.slice(k + 1).filter((e) => Date.parse(e.occurred_at as string) - at <= 86_400_000);
      const order = ['password_reset', 'payout_method_change', 'payout'];
      let pos = 0;
      for (const e of after) if (e.type === order[pos]) pos++;
      expect(pos, t.account).toBe(3);
    }
  });

  it('labels ~30-40% of ring members and lists cases with their truth (~25% false open alerts)', () => {
    const { data, truth } = all;
    const ringMembers = new Set(truth.rings.flatMap((r) => r.accounts));
    const decided = new Set(
      data.decisions
        .filter((d) => d.sanction !== 'no_action' && ringMembers.has(d.account_id as string))
        .map((d) => d.account_id),
    );
    const share = decided.size / ringMembers.size;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.6);
    expect(truth.cases.map((c) => c.id)).toEqual(data.cases.map((c) => c.id));
    const open = new Set(
      data.cases.filter((c) => ['new', 'in_review', 'escalated'].includes(c.status as string)).map((c) => c.id),
    );
    expect(open.size).toBeGreaterThanOrEqual(10);
    const openTruth = truth.cases.filter((c) => open.has(c.id));
    const falseShare = openTruth.filter((c) => !c.truePositive).length / openTruth.length;
    expect(falseShare).toBeGreaterThan(0.1);
    expect(falseShare).toBeLessThan(0.4);
    // Benign accounts carry no standing sanctions.
    const benignOnly = new Set(truth.benign.flatMap((b) => b.accounts).filter((a) => !ringMembers.has(a)));
    for (const d of data.decisions) {
      if (benignOnly.has(d.account_id as string) && d.policy === 'multiple_accounts')
        expect(d.sanction === 'no_action' || d.appeal_outcome === 'overturned').toBe(true);
    }
  });

  it('scales counts with the number of accounts and keeps the event average', async () => {
    const small = await generateDemo({ outDir: tmpDir(), seed: 3, accounts: 300, eventsPerAccount: 30 });
    const large = await generateDemo({ outDir: tmpDir(), seed: 3, accounts: 600, eventsPerAccount: 30 });
    expect(small.files['accounts.csv']).toBe(300);
    expect(large.files['accounts.csv']).toBe(600);
    for (const s of [small, large]) {
      const ev = s.files['events.csv'] as number;
      expect(ev).toBeGreaterThan(s.accounts * 30 * 0.75);
      expect(ev).toBeLessThan(s.accounts * 30 * 1.25);
    }
    const ratio = (large.files['identifiers.csv'] as number) / (small.files['identifiers.csv'] as number);
    expect(ratio).toBeGreaterThan(1.6);
    expect(ratio).toBeLessThan(2.4);
    expect(large.rings).toBe(10);
    expect(small.rings).toBe(5);
    const low = await generateDemo({ outDir: tmpDir(), seed: 3, accounts: 600, eventsPerAccount: 3 });
    expect(low.files['events.csv']).toBeGreaterThan(600 * 3 * 0.75);
    expect(low.files['events.csv']).toBeLessThan(600 * 3 * 1.25);
  });

  it('adds benign households with --link-density, leaving the default extract and the rings as they were', async () => {
    const zero = tmpDir();
    await generateDemo({ outDir: zero, seed: 7, accounts: N, eventsPerAccount: 8, linkDensity: 0 });
    for (const f of DEMO_FILES) expect(fs.readFileSync(path.join(dirA, f)).equals(fs.readFileSync(path.join(zero, f))), f).toBe(true);

    const dense = tmpDir();
    const out = await generateDemo({ outDir: dense, seed: 7, accounts: N, eventsPerAccount: 8, linkDensity: 2 });
    expect(out.households).toBeGreaterThan(0);
    const truth = JSON.parse(fs.readFileSync(path.join(dense, 'ground_truth.json'), 'utf8')) as Truth & { households: { count: number; accounts: number } };
    const base = JSON.parse(fs.readFileSync(path.join(dirA, 'ground_truth.json'), 'utf8')) as Truth;
    expect(truth.rings).toEqual(base.rings); // same injected rings, same members and identifiers
    expect(truth.households.count).toBe(out.households);
    // Pair links of shared address/device values: the households add about density x accounts.
    const pairs = (dir: string, skip: Set<string>): number => {
      const holders = new Map<string, number>();
      for (const r of parse(fs.readFileSync(path.join(dir, 'identifiers.csv')), { columns: true }) as Row[]) {
        if (r['kind'] !== 'address' && r['kind'] !== 'device') continue;
        if (skip.has(r['account_id'] as string)) continue;
        const key = `${r['kind']}|${r['value']}`;
        holders.set(key, (holders.get(key) ?? 0) + 1);
      }
      let n = 0;
      for (const m of holders.values()) if (m <= 8) n += (m * (m - 1)) / 2;
      return n;
    };
    const ringMembers = new Set(truth.rings.flatMap((r) => r.accounts));
    const extra = pairs(dense, new Set()) - pairs(dirA, new Set());
    expect(extra).toBeGreaterThanOrEqual(2 * N * 0.95);
    // Ring members hold exactly the same shared values: no household touches a ring.
    expect(pairs(dense, new Set()) - pairs(dense, ringMembers)).toBe(pairs(dirA, new Set()) - pairs(dirA, ringMembers));
    await expect(generateDemo({ outDir: tmpDir(), accounts: 10, linkDensity: 7 })).rejects.toThrow(RangeError);
  });

  it('handles tiny extracts', async () => {
    const tiny = await generateDemo({ outDir: tmpDir(), accounts: 1, eventsPerAccount: 1 });
    expect(tiny.files['accounts.csv']).toBe(1);
    expect(tiny.files['events.csv']).toBeGreaterThanOrEqual(2);
    await expect(generateDemo({ outDir: tmpDir(), accounts: 0 })).rejects.toThrow(RangeError);
  });

  it('stops with "cancelled" and leaves no partial files', async () => {
    const dir = tmpDir();
    let calls = 0;
    await expect(
      generateDemo({ outDir: dir, accounts: 3000, eventsPerAccount: 5, isCancelled: () => ++calls > 2 }),
    ).rejects.toThrow(/^cancelled$/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
