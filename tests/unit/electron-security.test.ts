/**
 * The desktop app's security model, tested without an Electron binary:
 *  - static checks over the sources that a regression would break (webPreferences, the
 *    pre-ready calls in main, the single openExternal call site, the CSP and its meta copy);
 *  - the pure policies for real (external URL allowlist, IPC sender check, asset path mapping,
 *    permissions, argv, the native binding choice);
 *  - the Electron-facing modules (preload, IPC gate, navigation guards, protocol handler,
 *    opener) driven through a fake `electron` module that records what they register.
 * The same rules are exercised against the real app by tests/e2e/electron.smoke.spec.ts when
 * the Electron binary is installed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/csp.js';
import type { Outcome } from '../../shared/contract/errors.js';
import { EVENT_NAMES } from '../../shared/contract/events.js';
import { checkExternalUrl, isSafeExternalUrl } from '../../shared/lib/externalUrl.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/lib/desktopIpc.js';
import {
  APP_ENTRY_URL,
  isAppUrl,
  isPermissionAllowed,
  isTrustedSender,
  mimeTypeFor,
  resolveAppAsset,
} from '../../electron/main/appOrigin.main.js';
import { parseDesktopArgs } from '../../electron/main/args.main.js';
import {
  electronSqliteBindingPath,
  isAbiMismatch,
  useElectronSqliteBinding,
} from '../../electron/main/nativeBinding.main.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (relative: string) => fs.readFileSync(path.join(ROOT, relative), 'utf8');

/** Source without comments, so a doc comment quoting a setting cannot satisfy or trip a check. */
function code(relative: string): string {
  return read(relative)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

function filesUnder(relative: string, extensions: readonly string[]): string[] {
  const dir = path.join(ROOT, relative);
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = path.join(relative, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...filesUnder(rel, extensions));
    } else if (extensions.some((ext) => entry.name.endsWith(ext))) {
      out.push(rel);
    }
  }
  return out;
}

/** `default-src 'self'; script-src 'self'` -> Map(directive -> sources). */
function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

// ---- A fake `electron` that records what the modules under test register ----------------------
const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn<(...args: unknown[]) => Promise<unknown>>(),
  rendererOn: vi.fn<(channel: string, listener: (...args: unknown[]) => void) => void>(),
  ipcHandlers: new Map<string, (...args: unknown[]) => unknown>(),
  appListeners: new Map<string, ((...args: unknown[]) => void)[]>(),
  openExternal: vi.fn<(url: string, options?: unknown) => Promise<void>>(),
  schemes: [] as { scheme: string; privileges?: Record<string, unknown> }[],
}));

vi.mock('electron', () => ({
  app: {
    on: (name: string, listener: (...args: unknown[]) => void) => {
      fake.appListeners.set(name, [...(fake.appListeners.get(name) ?? []), listener]);
    },
  },
  ipcMain: {
    handle: (channel: string, handler: (...args: unknown[]) => unknown) => fake.ipcHandlers.set(channel, handler),
  },
  shell: { openExternal: fake.openExternal },
  protocol: { registerSchemesAsPrivileged: (schemes: typeof fake.schemes) => fake.schemes.push(...schemes) },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: { invoke: fake.invoke, on: fake.rendererOn, removeListener: vi.fn() },
  webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
}));

beforeEach(() => {
  fake.invoke.mockReset();
  fake.openExternal.mockReset();
  fake.openExternal.mockResolvedValue(undefined);
});

// ---- Static checks ---------------------------------------------------------------------------
describe('static: the window and the main process', () => {
  it('the main window keeps every renderer protection on', () => {
    const source = code('electron/main/window.main.ts');
    const block = /webPreferences:\s*\{([\s\S]*?)\n\s*\}/.exec(source)?.[1] ?? '';
    const settings = new Map([...block.matchAll(/(\w+):\s*([^,\n]+)/g)].map((m) => [m[1], m[2]?.trim()]));
    expect(settings.get('contextIsolation')).toBe('true');
    expect(settings.get('sandbox')).toBe('true');
    expect(settings.get('nodeIntegration')).toBe('false');
    expect(settings.get('nodeIntegrationInWorker')).toBe('false');
    expect(settings.get('nodeIntegrationInSubFrames')).toBe('false');
    expect(settings.get('webSecurity')).toBe('true');
    expect(settings.get('allowRunningInsecureContent')).toBe('false');
    expect(settings.get('webviewTag')).toBe('false');
    expect(settings.get('spellcheck')).toBe('false');
    expect(settings.get('navigateOnDragDrop')).toBe('false');
    expect(settings.get('preload')).toBe('options.preloadPath');
    expect(settings.has('experimentalFeatures')).toBe(false);
    expect(settings.has('enableBlinkFeatures')).toBe(false);
    expect(source).toContain('loadURL(APP_ENTRY_URL)');
    expect(APP_ENTRY_URL).toBe('ringside://app/index.html');
  });

  it('no main or preload file weakens a protection or loads file://', () => {
    const files = [...filesUnder('electron/main', ['.ts']), ...filesUnder('electron/preload', ['.ts'])];
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = code(file);
      for (const bad of [
        /contextIsolation:\s*false/,
        /sandbox:\s*false/,
        /nodeIntegration\w*:\s*true/,
        /webSecurity:\s*false/,
        /allowRunningInsecureContent:\s*true/,
        /webviewTag:\s*true/,
        /\.loadFile\(/,
        /file:\/\//,
        /bypassCSP/,
        /ipcRenderer\.send(Sync)?\(/,
        /exposeInMainWorld\([^)]*ipcRenderer/,
      ]) {
        expect(bad.test(source), `${file} matches ${bad}`).toBe(false);
      }
    }
  });

  it('main does its pre-ready security work synchronously, before awaiting ready', () => {
    const source = code('electron/main/main.main.ts');
    const readyAt =
      source.indexOf('app\n  .whenReady()') >= 0
        ? source.indexOf('app\n  .whenReady()')
        : source.indexOf('whenReady()');
    expect(readyAt).toBeGreaterThan(0);
    for (const call of [
      'registerAppSchemePrivileges();',
      'app.enableSandbox();',
      'installSecurityGuards();',
      'useElectronSqliteBinding(',
    ]) {
      const at = source.indexOf(call);
      expect(at, call).toBeGreaterThan(0);
      expect(at, `${call} must come before whenReady()`).toBeLessThan(readyAt);
    }
    // No await at module top level before ready: in an ES module that would let `ready` fire first.
    expect(/^await /m.test(source.slice(0, readyAt))).toBe(false);
    // The binding is chosen before the data service (and its workers) start.
    expect(source.indexOf('useElectronSqliteBinding(')).toBeLessThan(source.indexOf('DataService.start('));
    expect(source).toContain('denyPermissions(session.defaultSession)');
    expect(source).toContain("mode: 'desktop'");
    expect(source).toContain('dialog.showErrorBox');
  });

  it('shell.openExternal is called in exactly one place: openExternal.main.ts', () => {
    const files = [
      ...filesUnder('electron', ['.ts']),
      ...filesUnder('shared', ['.ts']),
      ...filesUnder('renderer/src', ['.ts', '.tsx']),
      ...filesUnder('scripts', ['.mjs', '.ts']),
    ];
    // A call (`shell.openExternal(`, `openExternal (`) or a computed access (`shell['openExternal']`).
    const call = /(^|[^A-Za-z])openExternal\s*\(|\[\s*['"`]openExternal['"`]\s*\]/;
    const callers = files.filter((file) => call.test(code(file).replace(/safeOpenExternal/g, '')));
    expect(callers).toEqual([path.join('electron', 'main', 'openExternal.main.ts')]);
  });

  it('IPC uses exactly the two named channels, one invoke handler and no generic pass-through', () => {
    const ipc = code('electron/main/ipc.main.ts');
    expect(ipc.match(/ipcMain\.handle\(/g)).toHaveLength(1);
    expect(ipc).not.toMatch(/ipcMain\.on\(/);
    expect(IPC_CALL_CHANNEL).toBe('ringside:call');
    expect(IPC_EVENT_CHANNEL).toBe('ringside:event');
  });
});

describe('static: Content-Security-Policy', () => {
  const header = parseCsp(CONTENT_SECURITY_POLICY);

  it('has no eval, no inline script and no remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(header.get('script-src')).toEqual(["'self'"]);
    expect(header.get('default-src')).toEqual(["'self'"]);
    expect(header.get('object-src')).toEqual(["'none'"]);
    expect(header.get('base-uri')).toEqual(["'none'"]);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    for (const [directive, sources] of header) {
      for (const source of sources) {
        expect(source, `${directive} allows ${source}`).not.toMatch(/^(\*|https?:|ws:|wss:|file:)/);
      }
    }
  });

  it('renderer/index.html carries the same policy in a meta tag', () => {
    const html = read('renderer/index.html');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta, 'CSP meta tag in renderer/index.html').not.toBeNull();
    const policy = parseCsp(meta?.[1] ?? '');
    expect(meta?.[1]).not.toContain('unsafe-eval');
    expect(policy.get('script-src')).toEqual(["'self'"]);
    // Same directives as the header, except frame-ancestors, which browsers ignore in a meta tag.
    for (const [directive, sources] of header) {
      if (directive === 'frame-ancestors') continue;
      expect(policy.get(directive), directive).toEqual(sources);
    }
    expect([...policy.keys()].filter((d) => !header.has(d))).toEqual([]);
  });
});

// ---- Pure policies ---------------------------------------------------------------------------
describe('external URL allowlist', () => {
  it('accepts plain https links and returns the normalized URL', () => {
    expect(checkExternalUrl('https://example.com/case/123?tab=notes#x')).toEqual({
      ok: true,
      url: 'https://example.com/case/123?tab=notes#x',
    });
    expect(checkExternalUrl('HTTPS://Example.COM')).toEqual({ ok: true, url: 'https://example.com/' });
    expect(isSafeExternalUrl('https://docs.example.org/ringside')).toBe(true);
  });

  it.each([
    ['http://example.com/', 'plain http'],
    ['file:///etc/passwd', 'file'],
    ['javascript:alert(1)', 'javascript'],
    ['data:text/html,<script>alert(1)</script>', 'data'],
    ['smb://server/share/payload.exe', 'smb'],
    ['ms-msdt:/id PCWDiagnostic', 'ms-msdt'],
    ['vscode://file/etc/passwd', 'custom app scheme'],
    ['ringside://app/index.html', 'our own scheme'],
    ['mailto:someone@example.com', 'mailto'],
    ['https://bank.example@evil.example/', 'embedded credentials'],
    ['https://user:pass@example.com/', 'user and password'],
    ['https://exa mple.com/', 'whitespace'],
    ['https://example.com/\u202egnp.exe', 'bidi override'],
    ['https://example.com/\nx', 'newline'],
    ['//example.com/', 'relative'],
    ['example.com', 'no scheme'],
    ['', 'empty'],
    [`https://example.com/${'a'.repeat(2100)}`, 'too long'],
  ])('refuses %s (%s)', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('refuses non-strings', () => {
    for (const value of [undefined, null, 42, {}, ['https://example.com'], new URL('https://example.com')]) {
      expect(isSafeExternalUrl(value)).toBe(false);
    }
  });
});

describe('IPC sender check', () => {
  it('trusts only the main frame showing ringside://app/', () => {
    expect(isTrustedSender('ringside://app/index.html', true)).toBe(true);
    expect(isTrustedSender('ringside://app/', true)).toBe(true);
    expect(isTrustedSender('ringside://app/index.html#/cases/1', true)).toBe(true);
  });

  it.each([
    ['ringside://app/index.html', false, 'a subframe'],
    ['https://example.com/', true, 'a web page'],
    ['http://127.0.0.1:5173/', true, 'a dev server'],
    ['file:///work/main/dist/renderer/index.html', true, 'a local file'],
    ['ringside://app.evil/index.html', true, 'a look-alike host'],
    ['ringside://evil/index.html', true, 'another host of our scheme'],
    ['ringside://app:8080/index.html', true, 'a port'],
    ['ringside://user@app/index.html', true, 'credentials'],
    ['devtools://devtools/bundled/inspector.html', true, 'devtools'],
    ['about:blank', true, 'about:blank'],
    ['', true, 'a frame that is gone'],
  ])('refuses %s (main frame: %s; %s)', (url, isMainFrame) => {
    expect(isTrustedSender(url, isMainFrame)).toBe(false);
  });

  it('isAppUrl accepts the bare origin (permission checks pass an origin)', () => {
    expect(isAppUrl('ringside://app')).toBe(true);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('ringside://app asset mapping', () => {
  const root = path.join(os.tmpdir(), 'ringside-renderer-root');

  it('maps URLs under the app origin to files under the UI folder', () => {
    expect(resolveAppAsset(root, 'ringside://app/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'ringside://app')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'ringside://app/index.html?x=1#y')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'ringside://app/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppAsset(root, 'ringside://app/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
    // The URL parser folds plain `..` segments into the path: they cannot climb out.
    expect(resolveAppAsset(root, 'ringside://app/../../etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveAppAsset(root, 'ringside://app/%2e%2e/secret')).toBe(path.join(root, 'secret'));
  });

  it.each([
    'ringside://app/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'ringside://app/assets/..%2f..%2f..%2fetc%2fpasswd',
    'ringside://app/..%5c..%5cwindows%5cwin.ini',
    'ringside://app/index.html%00.png',
    'ringside://app/%E0%A4%A',
    'ringside://other/index.html',
    'https://app/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });

  it('serves known types with their MIME type and nothing as sniffable text', () => {
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('assets/x.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('a.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});

describe('permissions', () => {
  it('allows only clipboard writes from our own origin', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'ringside://app/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'ringside://app')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    for (const permission of [
      'clipboard-read',
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'fullscreen',
      'hid',
      'usb',
      'serial',
    ]) {
      expect(isPermissionAllowed(permission, 'ringside://app/index.html'), permission).toBe(false);
    }
  });
});

describe('desktop argv and the SQLite binding', () => {
  it('reads --workspace (both forms) and --no-demo, ignoring Electron/Chromium arguments', () => {
    expect(parseDesktopArgs(['.', '--workspace', '/tmp/ws'])).toEqual({ workspace: '/tmp/ws', noDemo: false });
    expect(parseDesktopArgs(['dist/electron/main/main.main.js', '--inspect=0', '--workspace=/x', '--no-demo'])).toEqual(
      {
        workspace: '/x',
        noDemo: true,
      },
    );
    expect(parseDesktopArgs(['.', '--no-sandbox'])).toEqual({ noDemo: false });
    expect(parseDesktopArgs(['.', '--workspace', '--no-demo'])).toEqual({ noDemo: true });
  });

  it('points RINGSIDE_SQLITE_BINDING at the Electron build when it exists, never over an explicit value', () => {
    const expected = electronSqliteBindingPath('/proj', '45.4.1');
    expect(expected).toBe(path.join('/proj', '.native', 'electron-45.4.1', 'better_sqlite3.node'));

    const env: NodeJS.ProcessEnv = {};
    expect(useElectronSqliteBinding(env, '/proj', '45.4.1', (file) => file === expected)).toBe(expected);
    expect(env['RINGSIDE_SQLITE_BINDING']).toBe(expected);

    const missing: NodeJS.ProcessEnv = {};
    expect(useElectronSqliteBinding(missing, '/proj', '45.4.1', () => false)).toBeNull();
    expect(missing['RINGSIDE_SQLITE_BINDING']).toBeUndefined();

    const explicit: NodeJS.ProcessEnv = { RINGSIDE_SQLITE_BINDING: '/custom.node' };
    expect(useElectronSqliteBinding(explicit, '/proj', '45.4.1', () => true)).toBe('/custom.node');
    expect(useElectronSqliteBinding({}, '/proj', undefined, () => true)).toBeNull();
  });

  it('recognizes an ABI mismatch message', () => {
    expect(
      isAbiMismatch(
        "The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 140.",
      ),
    ).toBe(true);
    expect(isAbiMismatch('SQLITE_CANTOPEN: unable to open database file')).toBe(false);
  });
});

// ---- Electron-facing modules, through the fake electron ----------------------------------------
describe('preload', () => {
  type Bridge = {
    call(method: unknown, params: unknown): Promise<Outcome<unknown>>;
    subscribe(listener: unknown): () => void;
    getPathForFile(file: unknown): string;
  };
  let bridge: Bridge;
  beforeAll(async () => {
    await import('../../electron/preload/preload.preload.js');
    bridge = fake.exposed.get('ringside') as Bridge;
  });

  it('exposes exactly call, subscribe and getPathForFile as window.ringside', () => {
    expect([...fake.exposed.keys()]).toEqual(['ringside']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'getPathForFile', 'subscribe']);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('refuses names outside the contract without touching IPC', async () => {
    for (const name of ['nope', 'app.info ', '__proto__', 'constructor', 'toString', 42, null]) {
      const outcome = await bridge.call(name, {});
      expect(outcome.ok).toBe(false);
      expect(outcome.ok ? null : outcome.error.code).toBe('UNKNOWN_METHOD');
    }
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it('invokes ringside:call for contract methods and returns the Outcome', async () => {
    fake.invoke.mockResolvedValue({ ok: true, value: { name: 'Ringside' } });
    await expect(bridge.call('app.info', {})).resolves.toEqual({ ok: true, value: { name: 'Ringside' } });
    expect(fake.invoke).toHaveBeenCalledWith(IPC_CALL_CHANNEL, 'app.info', {});

    fake.invoke.mockRejectedValue(new Error('Error: An object could not be cloned.'));
    const unclonable = await bridge.call('app.info', { f: () => 1 });
    expect(unclonable.ok ? null : unclonable.error.code).toBe('BAD_REQUEST');

    fake.invoke.mockRejectedValue(new Error('No handler registered'));
    const down = await bridge.call('app.info', {});
    expect(down.ok ? null : down.error.code).toBe('UNAVAILABLE');
  });

  it('forwards contract events only, without the IPC event object, until unsubscribed', () => {
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = bridge.subscribe(first);
    const stopSecond = bridge.subscribe(second);
    // One IPC listener for the page, however many subscribers.
    expect(fake.rendererOn).toHaveBeenCalledTimes(1);
    expect(fake.rendererOn.mock.calls[0]?.[0]).toBe(IPC_EVENT_CHANNEL);
    const deliver = fake.rendererOn.mock.calls[0]?.[1] as (...args: unknown[]) => void;
    const ipcEvent = { sender: { send: () => undefined }, ports: [] };

    deliver(ipcEvent, EVENT_NAMES[0], { id: 'j1' });
    expect(first).toHaveBeenCalledTimes(1);
    expect(first.mock.calls[0]).toEqual([EVENT_NAMES[0], { id: 'j1' }]);
    deliver(ipcEvent, 'not.an.event', { secret: true });
    deliver(ipcEvent, undefined, undefined);
    expect(first).toHaveBeenCalledTimes(1);
    for (const args of [...first.mock.calls, ...second.mock.calls]) expect(args).not.toContain(ipcEvent);

    stopFirst();
    deliver(ipcEvent, 'data.changed', { tables: ['accounts'] });
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenLastCalledWith('data.changed', { tables: ['accounts'] });
    stopSecond();
    expect(() => bridge.subscribe('not a function')).toThrow(TypeError);
  });

  it('getPathForFile delegates to webUtils', () => {
    expect(bridge.getPathForFile({ name: 'extract.csv' })).toBe('/dropped/extract.csv');
  });
});

describe('IPC gate (ipc.main.ts)', () => {
  const ours = { id: 1, mainFrame: null as unknown };
  const foreign = { id: 2 };
  const mainFrame = (url: string) => ({ url, parent: null });
  const subFrame = (url: string) => ({ url, parent: mainFrame('ringside://app/index.html') });
  const event = (sender: object, senderFrame: object | null) => ({ sender, senderFrame }) as never;

  async function setup() {
    const { createCallHandler, registerCallHandler } = await import('../../electron/main/ipc.main.js');
    const dispatch = vi.fn(async (): Promise<Outcome<unknown>> => ({ ok: true, value: 'dispatched' }));
    const handler = createCallHandler(dispatch, (contents) => contents === (ours as never));
    return { handler, dispatch, registerCallHandler };
  }

  it('dispatches a contract call from our window main frame', async () => {
    const { handler, dispatch } = await setup();
    await expect(handler(event(ours, mainFrame('ringside://app/index.html')), 'app.info', {})).resolves.toEqual({
      ok: true,
      value: 'dispatched',
    });
    expect(dispatch).toHaveBeenCalledWith('app.info', {});
  });

  it.each([
    ['no sender frame', () => event(ours, null)],
    ['a subframe', () => event(ours, subFrame('ringside://app/index.html'))],
    ['a foreign page', () => event(ours, mainFrame('https://evil.example/'))],
    ['another web contents', () => event(foreign, mainFrame('ringside://app/index.html'))],
  ])('answers FORBIDDEN for %s, without dispatching', async (_name, make) => {
    const { handler, dispatch } = await setup();
    const outcome = await handler(make(), 'app.info', {});
    expect(outcome.ok ? null : outcome.error.code).toBe('FORBIDDEN');
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a name outside the contract before dispatching', async () => {
    const { handler, dispatch } = await setup();
    for (const name of ['shell.exec', '__proto__', 7]) {
      const outcome = await handler(event(ours, mainFrame('ringside://app/')), name, {});
      expect(outcome.ok ? null : outcome.error.code).toBe('UNKNOWN_METHOD');
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('registers the one ringside:call handler', async () => {
    const { registerCallHandler } = await setup();
    registerCallHandler(vi.fn(), () => false);
    expect([...fake.ipcHandlers.keys()]).toEqual([IPC_CALL_CHANNEL]);
  });

  it('broadcasts events to live app windows only', async () => {
    const { createEventBroadcaster } = await import('../../electron/main/ipc.main.js');
    const contents = (url: string, destroyed = false) => ({
      isDestroyed: () => destroyed,
      getURL: () => url,
      send: vi.fn(),
    });
    const app = contents('ringside://app/index.html');
    const gone = contents('ringside://app/index.html', true);
    const elsewhere = contents('https://example.com/');
    createEventBroadcaster(() => [app, gone, elsewhere] as never)('data.changed', { tables: ['cases'] });
    expect(app.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, 'data.changed', { tables: ['cases'] });
    expect(gone.send).not.toHaveBeenCalled();
    expect(elsewhere.send).not.toHaveBeenCalled();
  });
});

describe('navigation and window guards (security.main.ts)', () => {
  function fakeContents() {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    return {
      listeners,
      open: (url: string) => openHandler?.({ url }),
      emit(name: string, url: string) {
        const event = { url, preventDefault: vi.fn() };
        listeners.get(name)?.(event, url);
        return event.preventDefault;
      },
      contents: {
        setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
        on: (name: string, listener: (...args: unknown[]) => void) => listeners.set(name, listener),
      },
    };
  }

  it('is installed on every web contents Electron creates', async () => {
    const { installSecurityGuards } = await import('../../electron/main/security.main.js');
    installSecurityGuards();
    const created = fake.appListeners.get('web-contents-created') ?? [];
    expect(created).toHaveLength(1);
    const c = fakeContents();
    created[0]?.({}, c.contents);
    expect([...c.listeners.keys()].sort()).toEqual([
      'will-attach-webview',
      'will-frame-navigate',
      'will-navigate',
      'will-redirect',
    ]);
  });

  it('denies every new window and hands only https links to the opener', async () => {
    const { guardWebContents } = await import('../../electron/main/security.main.js');
    const c = fakeContents();
    guardWebContents(c.contents as never);
    for (const url of [
      'https://example.com/a',
      'http://example.com/',
      'file:///etc/passwd',
      'ringside://app/index.html',
      'javascript:alert(1)',
    ]) {
      expect(c.open(url)).toEqual({ action: 'deny' });
    }
    await vi.waitFor(() => expect(fake.openExternal).toHaveBeenCalledTimes(1));
    expect(fake.openExternal.mock.calls[0]?.[0]).toBe('https://example.com/a');
  });

  it('keeps every frame on ringside://app/', async () => {
    const { guardWebContents } = await import('../../electron/main/security.main.js');
    const c = fakeContents();
    guardWebContents(c.contents as never);
    expect(c.emit('will-navigate', 'ringside://app/index.html#/cases')).not.toHaveBeenCalled();
    expect(c.emit('will-navigate', 'https://evil.example/')).toHaveBeenCalled();
    expect(c.emit('will-navigate', 'file:///etc/passwd')).toHaveBeenCalled();
    expect(c.emit('will-frame-navigate', 'https://evil.example/')).toHaveBeenCalled();
    expect(c.emit('will-frame-navigate', 'ringside://app/x.html')).not.toHaveBeenCalled();
    expect(c.emit('will-redirect', 'https://evil.example/')).toHaveBeenCalled();
    expect(c.emit('will-redirect', 'ringside://app.evil/')).toHaveBeenCalled();
    expect(c.emit('will-attach-webview', 'ringside://app/index.html')).toHaveBeenCalled();
    // A blocked https link still reaches the user's browser, through the allowlisted opener.
    await vi.waitFor(() => expect(fake.openExternal).toHaveBeenCalledWith('https://evil.example/', { activate: true }));
    expect(fake.openExternal).toHaveBeenCalledTimes(1);
  });

  it('denies permission requests and checks', async () => {
    const { denyPermissions } = await import('../../electron/main/security.main.js');
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: (...args: unknown[]) => unknown) => (handlers['request'] = h),
      setPermissionCheckHandler: (h: (...args: unknown[]) => unknown) => (handlers['check'] = h),
      setDevicePermissionHandler: (h: (...args: unknown[]) => unknown) => (handlers['device'] = h),
    };
    denyPermissions(session as never);
    const answer = (permission: string, url: string) => {
      const callback = vi.fn();
      handlers['request']?.({}, permission, callback, { requestingUrl: url });
      return callback.mock.calls[0]?.[0];
    };
    expect(answer('media', 'ringside://app/index.html')).toBe(false);
    expect(answer('notifications', 'ringside://app/index.html')).toBe(false);
    expect(answer('clipboard-read', 'ringside://app/index.html')).toBe(false);
    expect(answer('clipboard-sanitized-write', 'ringside://app/index.html')).toBe(true);
    expect(handlers['check']?.({}, 'geolocation', 'ringside://app', {})).toBe(false);
    expect(handlers['device']?.({})).toBe(false);
  });
});

describe('the external opener (openExternal.main.ts)', () => {
  it('opens https URLs and refuses everything else without calling the shell', async () => {
    const { safeOpenExternal } = await import('../../electron/main/openExternal.main.js');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(safeOpenExternal('https://example.com/x')).resolves.toBe(true);
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'smb://host/share', 'https://a@b.example/', 42]) {
      await expect(safeOpenExternal(url)).resolves.toBe(false);
    }
    expect(fake.openExternal).toHaveBeenCalledTimes(1);
    expect(fake.openExternal).toHaveBeenCalledWith('https://example.com/x', { activate: true });
    fake.openExternal.mockRejectedValueOnce(new Error('no handler'));
    await expect(safeOpenExternal('https://example.com/y')).resolves.toBe(false);
    warn.mockRestore();
  });
});

describe('the ringside:// protocol (protocol.main.ts)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ringside-protocol-'));
  const outside = path.join(path.dirname(dir), `${path.basename(dir)}-secret.txt`);
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Ringside</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(outside, 'secret');
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { force: true });
  });

  it('registers one scheme as standard + secure + fetch, and nothing more', async () => {
    const { registerAppSchemePrivileges } = await import('../../electron/main/protocol.main.js');
    registerAppSchemePrivileges();
    expect(fake.schemes).toEqual([
      { scheme: 'ringside', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves UI files with their MIME type and the CSP, and refuses traversal with the CSP too', async () => {
    const { createAppRequestHandler } = await import('../../electron/main/protocol.main.js');
    const handle = createAppRequestHandler(dir);

    const index = await handle(new Request('ringside://app/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('<title>Ringside</title>');

    const script = await handle(new Request('ringside://app/assets/app.js'));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    const escape = `ringside://app/..%2f${encodeURIComponent(path.basename(outside))}`;
    for (const url of [
      escape,
      'ringside://app/missing.js',
      'ringside://app/assets/',
      'ringside://elsewhere/index.html',
    ]) {
      const response = await handle(new Request(url));
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).not.toContain('secret');
    }

    const post = await handle(new Request('ringside://app/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
