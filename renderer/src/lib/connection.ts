/**
 * Connection state of the event stream, shown in the status bar. Desktop IPC is always
 * `connected`; browser mode goes `connecting` -> `connected`, and `reconnecting` while the SSE
 * stream is down. Listeners of `onReconnect` refetch what they show, because events sent while
 * the stream was down are lost; `resync()` asks them to, when we learn we missed something.
 * `onConnected` fires on every (re)connection, including the first: jobs use it, since a job
 * can change between the first `jobs.list` and the moment the stream opens.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

type Listener = () => void;

let state: ConnectionState = 'connecting';
const stateListeners = new Set<Listener>();
const reconnectListeners = new Set<Listener>();
const connectedListeners = new Set<Listener>();

export function getConnectionState(): ConnectionState {
  return state;
}

export function setConnectionState(next: ConnectionState): void {
  const wasDown = state === 'reconnecting';
  if (next === state) return;
  state = next;
  for (const listener of stateListeners) listener();
  if (next === 'connected') for (const listener of connectedListeners) listener();
  if (wasDown && next === 'connected') resync();
}

/** Tells every view to refetch: events may have been missed. */
export function resync(): void {
  for (const listener of reconnectListeners) listener();
}

export function onConnected(listener: Listener): () => void {
  connectedListeners.add(listener);
  return () => connectedListeners.delete(listener);
}

export function subscribeConnection(listener: Listener): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

/** Called after the stream came back from `reconnecting`: refetch, since events were missed. */
export function onReconnect(listener: Listener): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}
