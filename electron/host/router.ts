/**
 * The one router both transports use (Electron IPC and browser-mode HTTP). It takes an
 * untrusted `(method, params)`, refuses names outside the contract, validates params with the
 * method's schema, and sends the call where the contract says it runs. Everything it returns is
 * an Outcome; it never throws.
 */
import { toApiError, type Outcome } from '../../shared/contract/errors.js';
import { isMethodName, methods, type MethodName } from '../../shared/contract/methods.js';
import type { AppInfo, JobInfo } from '../../shared/contract/types.js';
import { RINGSIDE_VERSION } from '../../shared/version.js';
import type { DataService } from '../service/dataService.js';
import type { HostMethodName } from '../service/context.js';
import { parseRequest } from '../service/validate.js';
import type { QueryService } from '../query/service.js';

export interface RouterOptions {
  readonly service: DataService;
  /** Runs `query` methods (SQL scratchpad, rule backtests) on the host's killable query runner. */
  readonly query?: QueryService;
  readonly mode: AppInfo['mode'];
}

export type Dispatch = (method: string, params: unknown) => Promise<Outcome<unknown>>;

export function createRouter({ service, mode, query }: RouterOptions): Dispatch {
  const hostHandlers: { [M in HostMethodName]: (req: never) => unknown } = {
    'app.info': (): AppInfo => ({
      name: 'Ringside',
      version: RINGSIDE_VERSION,
      schemaVersion: service.schemaVersion,
      workspace: service.workspace.dir,
      cachePath: service.workspace.cacheFile,
      mode,
      platform: process.platform,
      features: Object.keys(methods),
    }),
    'jobs.list': (): readonly JobInfo[] => service.jobs.list(),
    'jobs.cancel': (req: { jobId: string }) => ({ cancelled: service.jobs.cancel(req.jobId) }),
  };

  return async (method, params) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method "${String(method).slice(0, 100)}".` } };
    }
    try {
      const parsed = parseRequest(method as MethodName, params);
      const spec = methods[method];
      switch (spec.runsIn) {
        case 'host':
          return { ok: true, value: hostHandlers[method as HostMethodName](parsed as never) };
        case 'read':
          return await service.read(method, parsed);
        case 'write':
          return await service.write(method, parsed);
        case 'query':
          return query
            ? await query.call(method, parsed)
            : { ok: false, error: { code: 'UNAVAILABLE', message: 'The query runner is not available in this host.' } };
        case 'job': {
          const job = service.startJob(method, parsed, 'label' in spec ? spec.label : method);
          return { ok: true, value: { jobId: job.id } };
        }
      }
    } catch (err) {
      return { ok: false, error: toApiError(err) };
    }
  };
}
