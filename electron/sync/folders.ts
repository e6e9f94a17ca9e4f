/**
 * `files.listFolder`: the source picker's folder browser, the same in Electron and browser mode
 * (where no native dialog exists). Folders first, then files, each group sorted naturally and
 * case-insensitively; hidden entries (dot-files) left out; `parent` null at a filesystem root.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RingsideError } from '../../shared/contract/errors.js';
import type { FolderListing } from '../../shared/contract/sync.js';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * Lists `folder` (default: the home folder). Throws NOT_FOUND naming a path that does not exist,
 * BAD_INPUT for a file, IO_ERROR for a folder that cannot be read (permissions).
 */
export function listFolder(folder: string | undefined): FolderListing {
  const target = path.resolve(folder && folder.trim() !== '' ? folder : os.homedir());
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new RingsideError('NOT_FOUND', `Folder ${target} does not exist.`, { path: target });
  }
  if (!stat.isDirectory()) throw new RingsideError('BAD_INPUT', `${target} is a file, not a folder.`, { path: target });
  let names: fs.Dirent[];
  try {
    names = fs.readdirSync(target, { withFileTypes: true });
  } catch (err) {
    throw new RingsideError('IO_ERROR', `Cannot read folder ${target}: ${(err as Error).message}`, { path: target });
  }
  const dirs: { name: string; isDir: boolean; bytes: number | null }[] = [];
  const files: { name: string; isDir: boolean; bytes: number | null }[] = [];
  for (const entry of names) {
    if (entry.name.startsWith('.')) continue;
    let entryStat: fs.Stats;
    try {
      entryStat = fs.statSync(path.join(target, entry.name));
    } catch {
      continue; // A broken link or an entry removed meanwhile: nothing to pick.
    }
    if (entryStat.isDirectory()) dirs.push({ name: entry.name, isDir: true, bytes: null });
    else if (entryStat.isFile()) files.push({ name: entry.name, isDir: false, bytes: entryStat.size });
  }
  const byName = (a: { name: string }, b: { name: string }) =>
    collator.compare(a.name, b.name) || (a.name < b.name ? -1 : 1);
  const parent = path.dirname(target);
  return {
    path: target,
    parent: parent === target ? null : parent,
    entries: [...dirs.sort(byName), ...files.sort(byName)],
  };
}
