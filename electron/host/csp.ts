/**
 * The Content-Security-Policy of the UI, for both the desktop protocol handler and browser mode
 * (renderer/index.html carries the same policy in a meta tag). No inline scripts, no eval, no
 * remote origins; styles allow 'unsafe-inline' only because Cytoscape and AG Grid set style
 * attributes at runtime (style attributes cannot run code).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
