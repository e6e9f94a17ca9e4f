/**
 * The preload: the whole window API of the desktop app, `window.ringside`, and nothing else.
 *   call(method, params)   -> Promise<Outcome>; refuses names outside the contract locally,
 *                             then invokes the one channel `ringside:call` (main checks again);
 *   subscribe(listener)    -> unsubscribe; the listener gets `(name, payload)` for contract
 *                             events only, never the IPC event object or ipcRenderer itself;
 *   getPathForFile(file)   -> the absolute path of a dropped File (webUtils), for sync sources.
 * It runs sandboxed with context isolation: contextBridge copies these three functions into the
 * page, so the page cannot reach Electron, Node or this script's scope. No generic `invoke`,
 * `send` or `on` is exposed: a compromised page can only make contract calls.
 *
 * Bundled to one CommonJS file by scripts/build-preload.mjs (`electron` stays external: in a
 * sandboxed preload `require('electron')` is the only require there is).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { Transport } from '../../shared/contract/client.js';
import type { Outcome } from '../../shared/contract/errors.js';
import { isEventName } from '../../shared/contract/events.js';
import { isMethodName } from '../../shared/contract/methods.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/lib/desktopIpc.js';

type Listener = (event: string, payload: unknown) => void;

async function call(method: string, params: unknown): Promise<Outcome<unknown>> {
  if (!isMethodName(method)) {
    return {
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: `Unknown method "${String(method).slice(0, 100)}".` },
    };
  }
  try {
    return (await ipcRenderer.invoke(IPC_CALL_CHANNEL, method, params)) as Outcome<unknown>;
  } catch (err) {
    // invoke rejects before reaching main when params cannot be structured-cloned (functions,
    // DOM nodes); anything else means the host is not answering.
    const message = err instanceof Error ? err.message : String(err);
    return /could not be cloned/i.test(message)
      ? { ok: false, error: { code: 'BAD_REQUEST', message: `The parameters of ${method} cannot be sent: ${message}` } }
      : { ok: false, error: { code: 'UNAVAILABLE', message: `Cannot reach the Ringside host (${message}).` } };
  }
}

// One IPC listener for the whole page, fanned out to the subscribers: many views subscribe, and
// one ipcRenderer listener each would pile up (and leak the event object if done carelessly).
const listeners = new Set<Listener>();
let listening = false;

function onHostEvent(_event: IpcRendererEvent, name: unknown, payload: unknown): void {
  if (!isEventName(name)) return;
  for (const listener of [...listeners]) {
    try {
      listener(name, payload);
    } catch (err) {
      console.error(`Ringside: a ${name} listener failed`, err);
    }
  }
}

function subscribe(listener: Listener): () => void {
  if (typeof listener !== 'function') throw new TypeError('subscribe(listener) needs a function.');
  // A wrapper per subscription, so subscribing the same function twice needs two unsubscribes.
  const entry: Listener = (name, payload) => listener(name, payload);
  listeners.add(entry);
  if (!listening) {
    ipcRenderer.on(IPC_EVENT_CHANNEL, onHostEvent);
    listening = true;
  }
  return () => {
    listeners.delete(entry);
  };
}

function getPathForFile(file: File): string {
  return webUtils.getPathForFile(file);
}

const bridge = { call, subscribe, getPathForFile } satisfies Transport & { getPathForFile(file: File): string };

contextBridge.exposeInMainWorld('ringside', bridge);
