/**
 * The desktop preload's window API (electron/preload exposes it with contextBridge). Declared
 * here, on the renderer side, because the renderer may import only shared/: this is the shape we
 * rely on, and the preload must satisfy it. In browser mode `window.ringside` is absent and the
 * renderer talks HTTP + SSE instead (see transport.ts).
 */
import type { Outcome } from '../../../shared/contract/errors';

export interface RingsideBridge {
  call(method: string, params: unknown): Promise<Outcome<unknown>>;
  /** Every host event; returns the unsubscribe function. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
  /** Electron's webUtils.getPathForFile: the absolute path of a dropped file or folder. */
  getPathForFile(file: File): string;
}

declare global {
  interface Window {
    readonly ringside?: RingsideBridge;
  }
}

export function desktopBridge(): RingsideBridge | null {
  return typeof window !== 'undefined' && window.ringside ? window.ringside : null;
}
