/**
 * The desktop transport: the contract's router bound to ONE IPC channel, `ringside:call`, and host
 * events pushed on `ringside:event`. No other channel exists and nothing is passed through.
 *
 * Every call is checked before it reaches the router:
 *  1. the sender is the main frame of one of our windows, showing `ringside://app/...`
 *     (`isTrustedSender`); else FORBIDDEN. This stops a subframe, or a page the window was
 *     somehow navigated to, from using the service even if the preload ran there;
 *  2. the method is a contract name (`isMethodName`); else UNKNOWN_METHOD, without dispatching.
 * The router then validates params against the method's schema. The handler never throws: the
 * renderer always gets an Outcome.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Outcome } from '../../shared/contract/errors.js';
import type { EventName, EventPayloads } from '../../shared/contract/events.js';
import { isMethodName } from '../../shared/contract/methods.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/lib/desktopIpc.js';
import type { Dispatch } from '../host/router.js';
import { isAppUrl, isTrustedSender } from './appOrigin.main.js';

/** True when the event comes from the top frame of a web contents we created for the UI. */
function senderIsOurMainFrame(
  event: IpcMainInvokeEvent,
  isOurWebContents: (contents: WebContents) => boolean,
): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isOurWebContents(event.sender);
}

/** The gate and the routing, as a function of the event: exported for the tests. */
export function createCallHandler(
  dispatch: Dispatch,
  isOurWebContents: (contents: WebContents) => boolean,
): (event: IpcMainInvokeEvent, method: unknown, params: unknown) => Promise<Outcome<unknown>> {
  return async (event, method, params) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isTrustedSender(frameUrl, senderIsOurMainFrame(event, isOurWebContents))) {
      return {
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Only the Ringside window may call the Ringside service.' },
      };
    }
    if (!isMethodName(method)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: `Unknown method "${String(method).slice(0, 100)}".` },
      };
    }
    return dispatch(method, params);
  };
}

/** Registers the one invoke handler. Call once, after `ready` and before the first window loads. */
export function registerCallHandler(dispatch: Dispatch, isOurWebContents: (contents: WebContents) => boolean): void {
  ipcMain.handle(IPC_CALL_CHANNEL, createCallHandler(dispatch, isOurWebContents));
}

/**
 * The `emit` the DataService gets: sends each event to every live UI window. Payloads are plain
 * data (JobInfo, table lists), so structured cloning carries them unchanged.
 */
export function createEventBroadcaster(
  targets: () => Iterable<WebContents>,
): <E extends EventName>(event: E, payload: EventPayloads[E]) => void {
  return (event, payload) => {
    for (const contents of targets()) {
      if (contents.isDestroyed() || !isAppUrl(contents.getURL())) continue;
      contents.send(IPC_EVENT_CHANNEL, event, payload);
    }
  };
}
