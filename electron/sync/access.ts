/**
 * The one interface the engine uses for both kinds of source: plan what to load, then make each
 * file available as a local path with its SHA-256 and size (a folder's file in place, an HTTP
 * file downloaded to a temporary file first, so a file's transaction never waits on the network).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { RingsideError } from '../../shared/contract/errors.js';
import type { FilePlan, SyncPlan } from './types.js';

export type Fetched =
  /** The source says the file is unchanged since it was last applied (ETag 304, or manifest hash). */
  | {
      readonly kind: 'unchanged';
      readonly sha256: string | null;
      readonly etag: string | null;
      readonly bytes: number | null;
    }
  | {
      readonly kind: 'file';
      readonly localPath: string;
      readonly sha256: string;
      readonly bytes: number;
      readonly etag: string | null;
    };

export interface FetchContext {
  isCancelled(): boolean;
}

export interface SourceAccess {
  /** The folder path or manifest URL, for messages. */
  readonly label: string;
  plan(): Promise<SyncPlan>;
  /**
   * Makes one planned file available. `previous` is what was last applied from that path.
   * Throws RingsideError naming the problem (NOT_FOUND, IO_ERROR, TIMEOUT, BAD_INPUT for a size or
   * hash that differs from the manifest) without the file name, which the engine adds.
   */
  fetch(
    file: FilePlan,
    previous: { sha256: string | null; etag: string | null } | null,
    ctx: FetchContext,
  ): Promise<Fetched>;
  /** Deletes temporary files. */
  release(): Promise<void>;
}

/** SHA-256 (hex) and size of a file, streamed. */
export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Compares a file with the size and digest its manifest entry declares. */
export function verifyDeclared(file: FilePlan, actual: { sha256: string; bytes: number }): void {
  if (file.bytes !== null && file.bytes !== actual.bytes) {
    throw new RingsideError(
      'BAD_INPUT',
      `it has ${actual.bytes} bytes but the manifest says ${file.bytes} (truncated or replaced); nothing of it was applied`,
      { expectedBytes: file.bytes, bytes: actual.bytes },
    );
  }
  if (file.sha256 !== null && file.sha256 !== actual.sha256) {
    throw new RingsideError(
      'BAD_INPUT',
      `its SHA-256 is ${actual.sha256} but the manifest says ${file.sha256} (truncated or altered); nothing of it was applied`,
      { expectedSha256: file.sha256, sha256: actual.sha256 },
    );
  }
}
