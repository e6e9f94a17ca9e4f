/**
 * A workspace policy file in force: a stricter rule from it applies to decisions, a broken file
 * refuses every act that needs it (BAD_INPUT naming the field) instead of falling back to the
 * defaults, and a change of the file is audited by the first act under it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalService } from '../../electron/service/localService.js';
import { tempDir } from '../helpers/db.js';

let service: LocalService;
let policyFile: string;
let defaults: Record<string, unknown>;
let caseId: string;
let account: string;

beforeAll(async () => {
  const dir = tempDir();
  service = new LocalService(dir);
  const loaded = await service.runJob('demo.load', { accounts: 40, seed: 9 });
  expect(loaded.ok).toBe(true);
  policyFile = path.join(service.workspace.configDir, 'policy.json');
  defaults = JSON.parse(fs.readFileSync(path.resolve('resources/policy/default-policy.json'), 'utf8')) as Record<string, unknown>;
  account = service.db.prepare("SELECT id FROM accounts WHERE lifecycle_state = 'active' LIMIT 1").pluck().get() as string;
  await service.call('settings.update', { identity: { name: 'Ana', email: 'ana@example.com' } });
  const kase = await service.call('cases.create', { title: 'Policy file case', subjects: [account] });
  if (!kase.ok) throw new Error(kase.error.message);
  caseId = kase.value.id;
  await service.call('cases.transition', { caseIds: [caseId], to: 'in_review' });
}, 60_000);

const decide = (rationale: string) =>
  service.call('decisions.create', { caseId, accounts: [account], policy: 'harassment', tier: 'S4', rationale });

describe('workspace policy file', () => {
  it('a broken file refuses policy.get and decisions with BAD_INPUT naming the field', async () => {
    fs.writeFileSync(policyFile, JSON.stringify({ ...defaults, approval: { tiers: ['S9'], precedent: true } }));
    const got = await service.call('policy.get', {});
    expect(got).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(!got.ok && got.error.message).toContain('approval.tiers[0]');
    const refused = await decide('A long enough rationale describing repeated abusive messages to staff.');
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(service.db.prepare('SELECT count(*) FROM decisions WHERE case_id = ?').pluck().get(caseId)).toBe(0);
  });

  it('a valid file is in force (stricter rationale length) and its change is audited', async () => {
    fs.writeFileSync(policyFile, JSON.stringify({ ...defaults, rationaleMinLength: 100 }, null, 2));
    expect(await service.call('policy.get', {})).toMatchObject({ ok: true, value: { source: 'workspace', config: { rationaleMinLength: 100 } } });
    const short = await decide('A long enough rationale by the defaults, but not under this file.');
    expect(!short.ok && short.error.message).toContain('at least 100 characters');
    const ok = await decide('Repeated abusive messages to two contributors and a staff member over a week; screenshots pinned; first offense under harassment.');
    expect(ok.ok).toBe(true);
    const loadedEntries = service.db.prepare("SELECT json_extract(payload, '$.source') FROM audit_log WHERE action = 'config.policy_loaded'").pluck().all();
    expect(loadedEntries).toEqual(['workspace']);
  });
});
