/**
 * THE contract: every method the renderer, the CLI or a script can call, with its zod request
 * schema, its result type and where it runs (see define.ts for `runsIn`). The Electron preload,
 * the IPC binding, the HTTP binding, the renderer client and the host router all derive from
 * this map; there is no other way in. Names are `domain.verb`; each domain declares its methods
 * in its own file and is merged here.
 */
import type { z } from 'zod';
import { coreMethods } from './core.js';
import { syncMethods } from './sync.js';
import { packetMethods } from './packets.js';
import { timelineMethods } from './timeline.js';
import { casesMethods, casesSeamMethods } from './cases.js';
import { decisionMethods } from './decisions.js';
import { graphMethods } from './graph.js';
import { sqlMethods } from './sql.js';
import { rulesMethods } from './rules.js';

export const methods = {
  ...coreMethods,
  ...syncMethods,
  ...casesSeamMethods,
  ...packetMethods,
  ...timelineMethods,
  ...casesMethods,
  ...decisionMethods,
  ...graphMethods,
  ...sqlMethods,
  ...rulesMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller sends (defaults optional). */
export type RequestOf<M extends MethodName> = z.input<Methods[M]['request']>;
/** What a handler receives (after validation and defaults). */
export type ParsedRequestOf<M extends MethodName> = z.output<Methods[M]['request']>;
export type ResultOf<M extends MethodName> = Methods[M]['result'];
export type JobMethodName = { [M in MethodName]: Methods[M]['runsIn'] extends 'job' ? M : never }[MethodName];
export type JobResultOf<M extends JobMethodName> = Methods[M] extends { jobResult: infer R } ? R : never;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
