/**
 * A local folder (or mounted share) as a source. With an `extract.json` the manifest decides
 * (its globs are matched against the folder's files, recursively); without one the top-level
 * files named after entities load. Hidden entries and our own `outbox/` folder are never read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RingsideError } from '../../shared/contract/errors.js';
import { hashFile, verifyDeclared, type SourceAccess } from './access.js';
import { MANIFEST_NAME, parseManifest } from './manifest.js';
import { planCanonical, planManifest } from './plan.js';

/** Bounds on the recursive listing a manifest with globs needs (a share can be huge). */
const MAX_DEPTH = 8;
const MAX_FILES = 100_000;
/** Where a folder source's outbox files go; never read as extract data. */
export const OUTBOX_DIR = 'outbox';

/** Source access for a folder; see SourceAccess for the contract of plan() and fetch(). */
export function folderAccess(folder: string): SourceAccess {
  return {
    label: folder,
    async plan() {
      const manifestPath = path.join(folder, MANIFEST_NAME);
      let manifestText: string | null = null;
      try {
        manifestText = await fs.promises.readFile(manifestPath, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw new RingsideError('IO_ERROR', `Cannot read ${manifestPath}: ${(err as Error).message}`);
        }
      }
      if (manifestText !== null) {
        const manifest = parseManifest(manifestText, manifestPath, { allowGlobs: true });
        return planManifest(manifest, MANIFEST_NAME, await listRecursive(folder));
      }
      const entries = await readDir(folder);
      const files = entries.filter((e) => kindOf(folder, e) === 'file').map((e) => e.name);
      const dirs = entries.filter((e) => kindOf(folder, e) === 'dir' && e.name !== OUTBOX_DIR).map((e) => `${e.name}/`);
      return planCanonical(files, dirs, folder);
    },
    async fetch(file) {
      const local = path.join(folder, ...file.path.split('/'));
      let stat: fs.Stats;
      try {
        stat = await fs.promises.stat(local);
      } catch {
        throw new RingsideError('NOT_FOUND', `it is not in ${folder}`);
      }
      if (!stat.isFile()) throw new RingsideError('BAD_INPUT', 'it is not a regular file');
      let digest: { sha256: string; bytes: number };
      try {
        digest = await hashFile(local);
      } catch (err) {
        throw new RingsideError('IO_ERROR', `it cannot be read (${(err as Error).message})`);
      }
      verifyDeclared(file, digest);
      return { kind: 'file', localPath: local, sha256: digest.sha256, bytes: digest.bytes, etag: null };
    },
    async release() {
      // Nothing temporary: files are read in place.
    },
  };
}

/** File or folder, following symbolic links (shares often use them); null for anything else. */
function kindOf(dir: string, entry: fs.Dirent): 'file' | 'dir' | null {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'dir';
  if (!entry.isSymbolicLink()) return null;
  try {
    const stat = fs.statSync(path.join(dir, entry.name));
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : null;
  } catch {
    return null;
  }
}

async function readDir(folder: string): Promise<fs.Dirent[]> {
  try {
    return (await fs.promises.readdir(folder, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RingsideError('NOT_FOUND', `Folder ${folder} does not exist (or is not mounted).`);
    throw new RingsideError('IO_ERROR', `Cannot list folder ${folder}: ${(err as Error).message}`);
  }
}

/** Files under `root`, relative and `/`-separated, sorted; hidden entries and outbox/ skipped. */
async function listRecursive(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, prefix: string, depth: number): Promise<void> => {
    for (const entry of await readDir(dir)) {
      if (out.length >= MAX_FILES) return;
      const rel = prefix + entry.name;
      const kind = kindOf(dir, entry);
      if (kind === 'dir') {
        if (depth < MAX_DEPTH && !(prefix === '' && entry.name === OUTBOX_DIR))
          await walk(path.join(dir, entry.name), `${rel}/`, depth + 1);
      } else if (kind === 'file') {
        out.push(rel);
      }
    }
  };
  await walk(root, '', 0);
  return out.sort();
}
