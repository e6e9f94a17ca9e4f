/**
 * The policy file's schema and the cross-field checks zod alone cannot express (a ladder naming
 * a sanction that is not defined, a transition to an unknown state). Every problem is reported
 * with the path of the field, e.g. `policies[2].ladder.S3[1]`, so the author can fix the file.
 */
import { z } from 'zod';
import type { PolicyConfig } from '../../shared/contract/decisions.js';

const TIER_KEYS = ['S1', 'S2', 'S3', 'S4'] as const;
const tierRecord = <T extends z.ZodType>(value: T) => z.object({ S1: value, S2: value, S3: value, S4: value }).strict();

export const policyFileSchema = z
  .object({
    version: z.literal(1),
    name: z.string().min(1),
    rationaleMinLength: z.number().int().min(0).max(5000).default(40),
    approval: z.object({ tiers: z.array(z.enum(TIER_KEYS)), precedent: z.boolean() }).strict(),
    tiers: tierRecord(
      z.object({ label: z.string().min(1), evidenceStandard: z.string().min(1), minEvidence: z.number().int().min(0).max(100) }).strict(),
    ),
    sanctions: z.record(
      z.string().regex(/^[a-z_]+$/, 'sanction codes are lower_snake_case'),
      z.object({ label: z.string().min(1), lifecycleTo: z.string().min(1), defaultDays: z.number().int().min(1).max(3650).optional() }).strict(),
    ),
    lifecycle: z.object({ states: z.array(z.string().min(1)).min(1), transitions: z.record(z.string(), z.array(z.string())) }).strict(),
    policies: z
      .array(
        z
          .object({
            code: z.string().regex(/^[a-z_]+$/, 'policy codes are lower_snake_case'),
            name: z.string().min(1),
            description: z.string().default(''),
            ladder: tierRecord(z.array(z.string()).min(1, 'a ladder needs at least one step')),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out || '(root)';
}

/** Validates parsed JSON; returns the config or the list of problems, each naming its field. */
export function validatePolicy(raw: unknown): { ok: true; config: PolicyConfig } | { ok: false; problems: string[] } {
  const parsed = policyFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`) };
  const config = parsed.data;
  const problems: string[] = [];
  const states = new Set(config.lifecycle.states);
  for (const [code, sanction] of Object.entries(config.sanctions)) {
    if (!states.has(sanction.lifecycleTo)) problems.push(`sanctions.${code}.lifecycleTo: unknown lifecycle state "${sanction.lifecycleTo}"`);
  }
  for (const [from, targets] of Object.entries(config.lifecycle.transitions)) {
    if (!states.has(from)) problems.push(`lifecycle.transitions.${from}: unknown lifecycle state "${from}"`);
    targets.forEach((to, i) => {
      if (!states.has(to)) problems.push(`lifecycle.transitions.${from}[${i}]: unknown lifecycle state "${to}"`);
    });
  }
  const seen = new Set<string>();
  config.policies.forEach((policy, p) => {
    if (seen.has(policy.code)) problems.push(`policies[${p}].code: duplicate policy code "${policy.code}"`);
    seen.add(policy.code);
    for (const tier of TIER_KEYS) {
      policy.ladder[tier].forEach((step, i) => {
        if (!(step in config.sanctions)) problems.push(`policies[${p}].ladder.${tier}[${i}]: unknown sanction "${step}"`);
      });
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config };
}
