/** The policy file: the shipped defaults validate, and each kind of mistake names its field. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../electron/policy/load.js';
import { validatePolicy } from '../../electron/policy/schema.js';
import { RingsideError } from '../../shared/contract/errors.js';
import { tempDir } from '../helpers/db.js';

const defaults = JSON.parse(fs.readFileSync(path.resolve('resources/policy/default-policy.json'), 'utf8')) as Record<string, unknown>;
const clone = () => structuredClone(defaults) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function problems(raw: unknown): string[] {
  const result = validatePolicy(raw);
  return result.ok ? [] : result.problems;
}

describe('policy configuration', () => {
  it('the shipped defaults are valid and cover every policy and tier', () => {
    const result = validatePolicy(defaults);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.policies.map((p) => p.code)).toContain('multiple_accounts');
    expect(Object.keys(result.config.tiers)).toEqual(['S1', 'S2', 'S3', 'S4']);
  });

  it('names the field of a wrong type, a missing tier, an unknown sanction and a bad transition', () => {
    const a = clone();
    a.tiers.S2.minEvidence = 'two';
    expect(problems(a)).toEqual([expect.stringMatching(/^tiers\.S2\.minEvidence: /)]);
    const b = clone();
    delete b.tiers.S4;
    expect(problems(b)[0]).toMatch(/^tiers\.S4: /);
    const c = clone();
    c.policies[2].ladder.S3[1] = 'banishment';
    expect(problems(c)).toEqual(['policies[2].ladder.S3[1]: unknown sanction "banishment"']);
    const d = clone();
    d.lifecycle.transitions.active.push('frozen');
    expect(problems(d)).toEqual(['lifecycle.transitions.active[2]: unknown lifecycle state "frozen"']);
    const e = clone();
    e.policies[1].code = e.policies[0].code;
    expect(problems(e)[0]).toContain('policies[1].code: duplicate policy code');
    const f = clone();
    f.surprise = 1;
    expect(problems(f)[0]).toMatch(/surprise/);
  });

  it('loads defaults when the workspace has no policy file, and refuses a broken one naming file and field', () => {
    const dir = tempDir();
    expect(loadPolicy({ configDir: dir }).source).toBe('defaults');
    const broken = clone();
    broken.rationaleMinLength = -5;
    fs.writeFileSync(path.join(dir, 'policy.json'), JSON.stringify(broken));
    try {
      loadPolicy({ configDir: dir });
      expect.unreachable('a broken policy must not load');
    } catch (err) {
      expect(err).toBeInstanceOf(RingsideError);
      expect((err as RingsideError).code).toBe('BAD_INPUT');
      expect((err as Error).message).toContain(path.join(dir, 'policy.json'));
      expect((err as Error).message).toContain('rationaleMinLength');
    }
    fs.writeFileSync(path.join(dir, 'policy.json'), '{ "version": 1,');
    expect(() => loadPolicy({ configDir: dir })).toThrow(/not valid JSON/);
    const custom = clone();
    custom.rationaleMinLength = 80;
    fs.writeFileSync(path.join(dir, 'policy.json'), JSON.stringify(custom, null, 1));
    expect(loadPolicy({ configDir: dir })).toMatchObject({ source: 'workspace', config: { rationaleMinLength: 80 } });
  });
});
