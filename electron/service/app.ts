/**
 * The data service's table of contents: every domain's handlers, merged. `satisfies` makes the
 * compiler prove that each `read`, `write` and `job` method of the contract has exactly one
 * handler here, so a method cannot be declared and forgotten.
 */
import type { JobHandlers, ReadHandlers, WriteHandlers } from './context.js';
import { workspaceReadHandlers, workspaceWriteHandlers } from '../workspace/handlers.js';
import { demoJobHandlers } from '../demo/handlers.js';
import { syncJobHandlers, syncReadHandlers, syncWriteHandlers } from '../sync/handlers.js';
import { casesReadHandlers, casesWriteHandlers } from '../cases/handlers.js';
import { packetsJobHandlers, packetsReadHandlers } from '../packets/handlers.js';
import { timelineReadHandlers } from '../timeline/handlers.js';
import { graphJobHandlers, graphReadHandlers, graphWriteHandlers } from '../graph/handlers.js';
import { sqlReadHandlers, sqlWriteHandlers } from '../query/handlers.js';
import { rulesReadHandlers, rulesWriteHandlers } from '../rules/handlers.js';

export const readHandlers = {
  ...workspaceReadHandlers,
  ...syncReadHandlers,
  ...casesReadHandlers,
  ...packetsReadHandlers,
  ...timelineReadHandlers,
  ...graphReadHandlers,
  ...sqlReadHandlers,
  ...rulesReadHandlers,
} satisfies ReadHandlers;

export const writeHandlers = {
  ...workspaceWriteHandlers,
  ...syncWriteHandlers,
  ...casesWriteHandlers,
  ...graphWriteHandlers,
  ...sqlWriteHandlers,
  ...rulesWriteHandlers,
} satisfies WriteHandlers;

export const jobHandlers = {
  ...demoJobHandlers,
  ...syncJobHandlers,
  ...packetsJobHandlers,
  ...graphJobHandlers,
} satisfies JobHandlers;
