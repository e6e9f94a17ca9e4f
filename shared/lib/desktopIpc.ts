/**
 * The desktop app's two IPC channels, named once for both ends (electron/main/ipc.main.ts and
 * electron/preload/preload.preload.ts). There is no third: every call goes through
 * `ringside:call` as `(method, params)` and is routed by the contract, and every host event
 * arrives on `ringside:event` as `(name, payload)`.
 */
export const IPC_CALL_CHANNEL = 'ringside:call';
export const IPC_EVENT_CHANNEL = 'ringside:event';
