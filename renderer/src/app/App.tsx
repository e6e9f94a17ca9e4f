/**
 * The shell: rail, current screen, status bar, palette, dialogs and toasts, plus the readiness
 * attributes on <html> that tests wait on (see lib/readiness.ts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ConfirmHost } from '../components/Confirm';
import { ErrorNotice } from '../components/ErrorNotice';
import { Toasts } from '../components/Toasts';
import { appInfoStore, loadAppInfo } from '../lib/appInfo';
import { isActive, jobsStore, startJobTracking } from '../lib/jobs';
import { screenReadyStore, setRootAttribute } from '../lib/readiness';
import { loadSettings, startSettingsTracking } from '../lib/settings';
import { useStore } from '../lib/store';
import { CommandPalette } from './CommandPalette';
import { NavRail } from './NavRail';
import { useRoute } from './routes';
import { Screen } from './Screen';
import { useGlobalShortcuts } from './shortcuts';
import { StatusBar } from './StatusBar';
import { useThemeController } from './theme';

export function App() {
  const route = useRoute();
  const { info, error } = useStore(appInfoStore);
  const screenReady = useStore(screenReadyStore);
  const jobs = useStore(jobsStore);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [jobsOpen, setJobsOpen] = useState(false);
  const [everReady, setEverReady] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);

  useThemeController();

  const start = useCallback(() => {
    startJobTracking();
    startSettingsTracking();
    void loadSettings();
    void loadAppInfo();
  }, []);
  useEffect(start, [start]);

  const togglePalette = useCallback(() => setPaletteOpen((open) => !open), []);
  const closePalette = useCallback(() => setPaletteOpen(false), []);
  const openJobs = useCallback(() => setJobsOpen(true), []);
  useGlobalShortcuts(togglePalette, paletteOpen);

  const screenIsReady = screenReady.screen === route && screenReady.ready;
  useEffect(() => {
    // Jobs must be known too, or `data-jobs="idle"` could be read before the first jobs.list.
    if (info && screenIsReady && jobs.loaded) setEverReady(true);
  }, [info, screenIsReady, jobs.loaded]);

  const appState = error && !info ? 'error' : everReady ? 'ready' : 'loading';
  const busy = [...jobs.byId.values()].some(isActive);
  useEffect(() => setRootAttribute('data-app-state', appState), [appState]);
  useEffect(() => setRootAttribute('data-jobs', busy ? 'busy' : 'idle'), [busy]);
  useEffect(() => {
    setRootAttribute('data-screen', route);
    setRootAttribute('data-screen-state', screenIsReady ? 'ready' : 'loading');
  }, [route, screenIsReady]);

  // After a navigation (not the first paint), move focus to the new screen for keyboard and
  // screen-reader users.
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [route]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), mainRef.current?.focus())}>
        Skip to content
      </a>
      <NavRail current={route} onOpenPalette={togglePalette} />
      <main className="main" id="main" ref={mainRef} tabIndex={-1} aria-label="Screen">
        {error && !info ? (
          <div className="fatal" data-testid="app-error">
            <h1>Cannot reach the Ringside host</h1>
            <p className="muted">
              The window is open but the service that owns the workspace did not answer. If you started{' '}
              <code>ringside serve</code>, check that it is still running, then retry.
            </p>
            <ErrorNotice what="app.info failed" error={error} onRetry={() => void loadAppInfo()} />
          </div>
        ) : (
          <Screen route={route} />
        )}
      </main>
      <StatusBar info={info} jobsOpen={jobsOpen} setJobsOpen={setJobsOpen} />
      <CommandPalette open={paletteOpen} onClose={closePalette} openJobs={openJobs} />
      <ConfirmHost />
      <Toasts />
    </div>
  );
}
