/**
 * An HTTP(S) manifest URL as a source, over Node's global fetch (undici):
 *  - the manifest is fetched every run; files are fetched relative to it;
 *  - conditional requests: the ETag a file was last applied with goes back as If-None-Match, and a
 *    304 skips it; a manifest `sha256` equal to the last applied one skips it without a request;
 *  - a timeout (default 30 s, per source) bounds the wait for headers and between body chunks,
 *    so a large file may take as long as it needs while a stalled server cannot hang a run;
 *  - a body shorter than its Content-Length, or whose size/SHA-256 differs from the manifest, fails
 *    that file (nothing applied); 4xx/5xx errors name the URL and the status;
 *  - bodies stream to a temporary file (memory stays flat) that is deleted after the run.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RingsideError } from '../../shared/contract/errors.js';
import { verifyDeclared, type FetchContext, type SourceAccess } from './access.js';
import { parseManifest } from './manifest.js';
import { planManifest } from './plan.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_MANIFEST_BYTES = 16 << 20;

interface Timed {
  readonly response: Response;
  /** Restarts the idle timer (call on each body chunk). */
  readonly touch: () => void;
  /** Stops the timers; returns the error to throw if the body read failed because of them. */
  readonly finish: (err?: unknown) => RingsideError | null;
}

/**
 * fetch() with an idle timeout and cancellation. Throws TIMEOUT, CANCELLED or IO_ERROR (cannot
 * connect, DNS...), each naming the method and URL. HTTP error statuses are returned, not thrown.
 */
export async function timedFetch(
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  timeoutMs: number,
  ctx: FetchContext,
): Promise<Timed> {
  const controller = new AbortController();
  let reason: 'timeout' | 'cancelled' | null = null;
  const abort = (why: 'timeout' | 'cancelled') => {
    reason = why;
    controller.abort();
  };
  let timer = setTimeout(() => abort('timeout'), timeoutMs);
  const poll = setInterval(() => {
    if (ctx.isCancelled()) abort('cancelled');
  }, 100);
  const stop = () => {
    clearTimeout(timer);
    clearInterval(poll);
  };
  const explain = (err: unknown): RingsideError => {
    if (reason === 'timeout') {
      return new RingsideError('TIMEOUT', `${init.method} ${url}: no response for ${timeoutMs / 1000} s (timeout)`, {
        url,
      });
    }
    if (reason === 'cancelled') return new RingsideError('CANCELLED', 'Cancelled by user.');
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const detail =
      cause?.message && cause.code && !cause.message.includes(cause.code)
        ? `${cause.message} (${cause.code})`
        : (cause?.message ?? cause?.code ?? (err as Error).message);
    return new RingsideError('IO_ERROR', `${init.method} ${url} failed: ${detail}`, { url });
  };
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: controller.signal, redirect: 'follow' });
  } catch (err) {
    stop();
    throw explain(err);
  }
  return {
    response,
    touch() {
      clearTimeout(timer);
      timer = setTimeout(() => abort('timeout'), timeoutMs);
    },
    finish(err) {
      stop();
      return err === undefined ? null : explain(err);
    },
  };
}

function statusError(method: string, url: string, response: Response): RingsideError {
  const code = response.status === 404 ? 'NOT_FOUND' : 'IO_ERROR';
  return new RingsideError(code, `${method} ${url} failed: HTTP ${response.status} ${response.statusText}`.trim(), {
    url,
    status: response.status,
  });
}

/** A response body as byte chunks (a reader loop: typed the same under every lib setting). */
async function* chunksOf(response: Response): AsyncGenerator<Uint8Array> {
  if (!response.body) return;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Reads a small body (the manifest) as text, within the timeout. */
async function readText(timed: Timed, url: string): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of chunksOf(timed.response)) {
      timed.touch();
      bytes += chunk.length;
      if (bytes > MAX_MANIFEST_BYTES)
        throw new RingsideError('BAD_INPUT', `${url}: a manifest larger than 16 MiB is not a manifest`);
      chunks.push(Buffer.from(chunk));
    }
  } catch (err) {
    if (err instanceof RingsideError) {
      timed.finish();
      throw err;
    }
    throw timed.finish(err) ?? err;
  }
  timed.finish();
  return Buffer.concat(chunks).toString('utf8');
}

/** Source access for an HTTP(S) manifest URL; see SourceAccess for the contract. */
export function httpAccess(manifestUrl: string, opts: { timeoutMs: number; tempDir: string }): SourceAccess {
  const created: string[] = [];
  return {
    label: manifestUrl,
    async plan() {
      const timed = await timedFetch(
        manifestUrl,
        { method: 'GET', headers: { accept: 'application/json' } },
        opts.timeoutMs,
        {
          isCancelled: () => false,
        },
      );
      if (!timed.response.ok) {
        timed.finish();
        throw statusError('GET', manifestUrl, timed.response);
      }
      const text = await readText(timed, manifestUrl);
      const manifest = parseManifest(text, manifestUrl, { allowGlobs: false });
      return planManifest(manifest, manifestUrl, null);
    },
    async fetch(file, previous, ctx) {
      if (file.sha256 !== null && previous?.sha256 === file.sha256) {
        return { kind: 'unchanged', sha256: previous.sha256, etag: previous.etag, bytes: file.bytes };
      }
      const url = new URL(file.path, manifestUrl).href;
      const headers: Record<string, string> = { 'accept-encoding': 'identity' };
      if (previous?.etag) headers['if-none-match'] = previous.etag;
      const timed = await timedFetch(url, { method: 'GET', headers }, opts.timeoutMs, ctx);
      const { response } = timed;
      if (response.status === 304 && previous) {
        timed.finish();
        return { kind: 'unchanged', sha256: previous.sha256, etag: previous.etag, bytes: null };
      }
      if (!response.ok) {
        timed.finish();
        throw statusError('GET', url, response);
      }
      await fs.promises.mkdir(opts.tempDir, { recursive: true });
      const local = path.join(opts.tempDir, `${created.length}-${path.basename(file.path)}`);
      created.push(local);
      const declared = response.headers.get('content-length');
      const expected = declared !== null && !response.headers.get('content-encoding') ? Number(declared) : null;
      const hash = crypto.createHash('sha256');
      let bytes = 0;
      const out = await fs.promises.open(local, 'w');
      try {
        for await (const chunk of chunksOf(response)) {
          timed.touch();
          hash.update(chunk);
          bytes += chunk.length;
          await out.write(chunk);
        }
        timed.finish();
      } catch (err) {
        const explained = timed.finish(err) ?? err;
        // The connection closed early (not our timeout or a cancel): say what it is, a truncated body.
        if (
          expected !== null &&
          bytes < expected &&
          explained instanceof RingsideError &&
          explained.code === 'IO_ERROR'
        ) {
          throw new RingsideError(
            'BAD_INPUT',
            `the download from ${url} was truncated: ${bytes} of ${expected} bytes received; nothing of it was applied`,
            {
              url,
              bytes,
              expectedBytes: expected,
            },
          );
        }
        throw explained;
      } finally {
        await out.close();
      }
      if (expected !== null && bytes !== expected) {
        throw new RingsideError(
          'BAD_INPUT',
          `the download from ${url} has ${bytes} bytes but Content-Length said ${expected}; nothing of it was applied`,
          {
            url,
            bytes,
            expectedBytes: expected,
          },
        );
      }
      const digest = { sha256: hash.digest('hex'), bytes };
      verifyDeclared(file, digest);
      return { kind: 'file', localPath: local, sha256: digest.sha256, bytes, etag: response.headers.get('etag') };
    },
    async release() {
      await fs.promises.rm(opts.tempDir, { recursive: true, force: true });
    },
  };
}

/** The URL a source's outbox items are POSTed to: `outbox` next to the manifest. */
export function outboxUrl(manifestUrl: string): string {
  return new URL('outbox', manifestUrl).href;
}
