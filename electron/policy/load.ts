/**
 * Loading the policy catalog: `<workspace>/config/policy.json` when present, else the defaults
 * shipped in `resources/policy/default-policy.json`. A present but broken file is an error
 * (BAD_INPUT naming the file and each bad field), never a silent fall back to defaults: a
 * reviewer must not decide under a policy other than the one their team wrote.
 * Parsed results are cached per path and modification time, so handlers can call this freely.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RingsideError } from '../../shared/contract/errors.js';
import type { PolicyConfig, PolicyInfo } from '../../shared/contract/decisions.js';
import type { Workspace } from '../workspace/workspace.js';
import { validatePolicy } from './schema.js';
import { findResource } from '../resources.js';

export const POLICY_FILE = 'policy.json';

function defaultPolicyPath(): string {
  const found = findResource('policy', 'default-policy.json');
  if (found) return found;
  throw new RingsideError('NOT_FOUND', 'The default policy (resources/policy/default-policy.json) is missing from this installation.');
}

const cache = new Map<string, { mtimeMs: number; size: number; info: PolicyInfo }>();

/** Parses and validates one policy file; throws BAD_INPUT listing every problem with its field. */
export function readPolicyFile(file: string, source: PolicyInfo['source']): PolicyInfo {
  const stat = fs.statSync(file);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.info;
  const text = fs.readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new RingsideError('BAD_INPUT', `Policy file ${file} is not valid JSON: ${(err as Error).message}`, { file });
  }
  const result = validatePolicy(raw);
  if (!result.ok) {
    throw new RingsideError(
      'BAD_INPUT',
      `Policy file ${file} is invalid (${result.problems.length} problem${result.problems.length > 1 ? 's' : ''}): ${result.problems.slice(0, 5).join('; ')}`,
      { file, problems: result.problems },
    );
  }
  const info: PolicyInfo = { config: result.config, source, path: file, sha256: createHash('sha256').update(text).digest('hex') };
  cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, info });
  return info;
}

/** The policy in force for a workspace. */
export function loadPolicy(workspace: Pick<Workspace, 'configDir'>): PolicyInfo {
  const file = path.join(workspace.configDir, POLICY_FILE);
  if (fs.existsSync(file)) return readPolicyFile(file, 'workspace');
  return readPolicyFile(defaultPolicyPath(), 'defaults');
}

/** One policy by code; BAD_REQUEST naming the known codes when absent. */
export function policyEntry(config: PolicyConfig, code: string): PolicyConfig['policies'][number] {
  const entry = config.policies.find((p) => p.code === code);
  if (!entry) throw new RingsideError('BAD_REQUEST', `Unknown policy "${code}". Known: ${config.policies.map((p) => p.code).join(', ')}.`);
  return entry;
}

/** Whether the lifecycle may move from `from` to `to` (staying put is always allowed). */
export function lifecycleAllowed(config: PolicyConfig, from: string, to: string): boolean {
  return from === to || (config.lifecycle.transitions[from] ?? []).includes(to);
}
