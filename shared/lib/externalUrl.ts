/**
 * The allowlist behind the desktop app's one external opener (`safeOpenExternal` in
 * electron/main/openExternal.main.ts). `shell.openExternal` hands a URL to the operating system,
 * which will launch whatever handler is registered for its scheme: `file:`, `smb:`, `ms-msdt:`
 * and custom app schemes have all been used to run code from a crafted link. Case data comes
 * from untrusted extracts, so a link in it is attacker-controlled text.
 *
 * Rules: a string of at most 2048 characters with no whitespace or control characters, that
 * parses as an absolute `https:` URL with a host and without embedded credentials
 * (`https://bank.example@evil.example/` is a classic disguise).
 *
 * Why `https:` only, when Beekeeper Studio also allows `http:`: every link Ringside itself shows
 * (docs, the upstream case system) is HTTPS, and the links that come from case data identify the
 * account or case being looked at. Opening one over plain HTTP would tell anyone on the network
 * path which subject an investigator is examining (and lets it be rewritten in transit). A user
 * who really needs an `http:` page can copy the link; the app will not open it for them.
 *
 * Pure (no Node, no DOM beyond the global `URL`), so the renderer can use the same check to
 * decide whether to render a link as clickable, and unit tests need no Electron.
 */

export const EXTERNAL_URL_MAX_LENGTH = 2048;

export type ExternalUrlVerdict =
  { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

// Whitespace, C0/C1 controls and the Unicode line/paragraph separators and bidi overrides: none
// belongs in a URL we would open, and each has been used to disguise what a link points at.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[\s\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Checks a candidate URL; on success returns the normalized href that may be opened. */
export function checkExternalUrl(candidate: unknown): ExternalUrlVerdict {
  if (typeof candidate !== 'string' || candidate.length === 0) return { ok: false, reason: 'not a URL' };
  if (candidate.length > EXTERNAL_URL_MAX_LENGTH)
    return { ok: false, reason: `longer than ${EXTERNAL_URL_MAX_LENGTH} characters` };
  if (FORBIDDEN_CHARACTERS.test(candidate)) return { ok: false, reason: 'contains whitespace or control characters' };
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `scheme "${url.protocol}" is not allowed (https only)` };
  if (url.hostname.length === 0) return { ok: false, reason: 'no host' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'embedded credentials' };
  return { ok: true, url: url.href };
}

/** True when `checkExternalUrl` accepts the candidate. */
export function isSafeExternalUrl(candidate: unknown): boolean {
  return checkExternalUrl(candidate).ok;
}
