/**
 * Request validation against the contract's zod schemas, shared by every transport. A failure
 * becomes BAD_REQUEST whose message names each offending field, e.g.
 * `settings.update: identity.email: Not a valid email address`.
 */
import { RingsideError } from '../../shared/contract/errors.js';
import { methods, type MethodName, type ParsedRequestOf } from '../../shared/contract/methods.js';

export function parseRequest<M extends MethodName>(method: M, params: unknown): ParsedRequestOf<M> {
  const result = methods[method].request.safeParse(params ?? {});
  if (result.success) return result.data as ParsedRequestOf<M>;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(request)',
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new RingsideError('BAD_REQUEST', `${method}: ${summary}`, { issues });
}
