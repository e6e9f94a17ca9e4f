/**
 * `ringside serve`: the data service, the router and the HTTP transport wired together.
 * Electron's main process composes the same pieces with IPC instead of HTTP.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventName, EventPayloads } from '../../shared/contract/events.js';
import { DataService } from '../service/dataService.js';
import { loadDemoIfEmpty } from './firstLaunch.js';
import { startHttpHost, type HttpHost } from './http.js';
import { createRouter } from './router.js';
import { QueryService } from '../query/service.js';

export interface BrowserHostOptions {
  readonly workspaceDir: string;
  readonly port?: number;
  readonly token?: string;
  readonly noDemo?: boolean;
  readonly staticDir?: string;
}

export interface BrowserHost {
  readonly http: HttpHost;
  readonly service: DataService;
  close(): Promise<void>;
}

/** dist/renderer, next to dist/electron where this file is compiled to. */
export function defaultStaticDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'renderer');
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  let broadcast: (event: string, payload: unknown) => void = () => undefined;
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => broadcast(event, payload);
  const service = await DataService.start(options.workspaceDir, emit);
  // The scratchpad's query runner lives next to the data service and closes with it.
  const query = new QueryService({ workspace: service.workspace, write: (m, p) => service.write(m, p), jobs: service.jobs });
  const dispatch = createRouter({ service, mode: 'browser', query });
  let http: HttpHost;
  try {
    http = await startHttpHost({
      dispatch,
      staticDir: options.staticDir ?? defaultStaticDir(),
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.token !== undefined ? { token: options.token } : {}),
    });
  } catch (err) {
    query.close();
    await service.close();
    throw err;
  }
  broadcast = (event, payload) => http.broadcast(event, payload);
  await loadDemoIfEmpty(service, { disabled: options.noDemo ?? false });
  return {
    http,
    service,
    close: async () => {
      await http.close();
      query.close();
      await service.close();
    },
  };
}
