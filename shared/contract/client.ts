/**
 * The typed client every caller uses, over any transport. A transport moves
 * `(method, params) -> Outcome` and delivers events; the client adds the types.
 */
import type { EventName, EventPayloads } from './events.js';
import type { Outcome } from './errors.js';
import type { MethodName, RequestOf, ResultOf } from './methods.js';

export interface Transport {
  call(method: string, params: unknown): Promise<Outcome<unknown>>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export interface RingsideClient {
  call<M extends MethodName>(method: M, params: RequestOf<M>): Promise<Outcome<ResultOf<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

export function createClient(transport: Transport): RingsideClient {
  return {
    call: (method, params) => transport.call(method, params) as never,
    on: (event, listener) =>
      transport.subscribe((name, payload) => {
        if (name === event) listener(payload as never);
      }),
  };
}
