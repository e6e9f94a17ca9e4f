/**
 * Global keyboard: Ctrl/Cmd+K toggles the command palette (even from a text field); `g` then a
 * letter goes to a screen (as in Gmail, GitHub, Linear). Chords are ignored while typing, and
 * Ctrl+1..8 is avoided on purpose: browsers keep it for switching tabs in browser mode.
 */
import { useEffect } from 'react';
import { navigate, ROUTES } from './routes';

const CHORD_MS = 1500;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useGlobalShortcuts(togglePalette: () => void, paletteOpen: boolean): void {
  useEffect(() => {
    let chordAt = 0;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        togglePalette();
        return;
      }
      if (paletteOpen || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const now = Date.now();
      if (chordAt > 0 && now - chordAt < CHORD_MS) {
        chordAt = 0;
        const route = ROUTES.find((r) => r.key === event.key.toLowerCase());
        if (route) {
          event.preventDefault();
          navigate(route.id);
        }
        return;
      }
      if (event.key === 'g' && !event.shiftKey) {
        chordAt = now;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [togglePalette, paletteOpen]);
}
