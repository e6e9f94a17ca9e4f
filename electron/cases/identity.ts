/**
 * Who is acting, for acts that need a named person (decisions, approvals, appeal reviews). The
 * two-person rule compares emails, so an act without an identity set in Settings is refused
 * rather than recorded under an OS user name that cannot be told apart from the next reviewer.
 */
import { RingsideError } from '../../shared/contract/errors.js';
import type { Db } from '../db/open.js';
import { readSettings } from '../workspace/settings.js';

export interface Reviewer {
  readonly name: string;
  readonly email: string;
  /** "Name <email>", as recorded in `decided_by`, `approved_by` and the audit log. */
  readonly actor: string;
}

/** The identity from Settings; FORBIDDEN-like CONFLICT with a clear hint when none is set. */
export function requireIdentity(db: Db, what: string): Reviewer {
  const identity = readSettings(db).identity;
  if (!identity || !identity.email) {
    throw new RingsideError('CONFLICT', `Set your name and email in Settings before you ${what}: each decision records who made it, and the two-person rule compares reviewers by email.`, {
      reason: 'identity_required',
    });
  }
  return { name: identity.name, email: identity.email.toLowerCase(), actor: `${identity.name} <${identity.email}>` };
}

/** The email inside "Name <email>" (lower-cased), or null. */
export function emailOf(actor: string | null | undefined): string | null {
  const match = actor ? /<([^>]+)>\s*$/.exec(actor) : null;
  return match?.[1] ? match[1].toLowerCase() : null;
}
