/**
 * Verifies an evidence packet: a ZIP holding one BagIt bag (RFC 8493) in a single top-level
 * folder. Pure code over an injected SHA-256 so the same checks run in the CLI (node:crypto),
 * the service and the browser (WebCrypto on a dropped file). Reports every file as ok, altered,
 * missing (listed in a manifest, absent) or extra (present, in no manifest), plus problems with
 * bagit.txt, the manifests and Payload-Oxum, and the packet.json summary when readable.
 * Never throws for a bad packet: a ZIP that cannot be opened is reported as a problem.
 */
import { unzipSync } from 'fflate';
import { BAGIT_TXT, parseManifest, parseTagFile } from './bagit.js';

export type Sha256 = (bytes: Uint8Array) => string | Promise<string>;

export type FileStatus = 'ok' | 'altered' | 'missing' | 'extra';

export interface VerifiedFile {
  readonly path: string;
  readonly status: FileStatus;
  readonly expected: string | null;
  readonly actual: string | null;
  readonly bytes: number | null;
}

export interface PacketSummary {
  readonly caseId: string | null;
  readonly profile: string | null;
  readonly exporter: string | null;
  readonly toolVersion: string | null;
  readonly asOf: string | null;
  readonly auditHead: string | null;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly bagName: string | null;
  readonly files: readonly VerifiedFile[];
  readonly counts: Readonly<Record<FileStatus, number>>;
  /** Problems that are not about one file's hash (bad bagit.txt, unparsable manifest lines, ...). */
  readonly problems: readonly string[];
  readonly packet: PacketSummary | null;
}

const decoder = new TextDecoder('utf-8', { fatal: false });
const TAGMANIFEST = 'tagmanifest-sha256.txt';
const MANIFEST = 'manifest-sha256.txt';

/** Opens the ZIP and verifies the bag in it. */
export async function verifyPacketZip(zip: Uint8Array, sha256: Sha256): Promise<VerifyReport> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (err) {
    return failed(`Not a readable ZIP file: ${(err as Error).message}`);
  }
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(entries)) if (!name.endsWith('/')) files.set(name, data);
  return verifyBagFiles(files, sha256);
}

/** Verifies a bag given as path -> bytes (paths may share one top-level folder, which is stripped). */
export async function verifyBagFiles(input: ReadonlyMap<string, Uint8Array>, sha256: Sha256): Promise<VerifyReport> {
  const { bagName, files } = stripRoot(input);
  const problems: string[] = [];
  const results: VerifiedFile[] = [];
  const bagit = files.get('bagit.txt');
  if (!bagit) problems.push('bagit.txt is missing: this is not a BagIt bag.');
  else {
    const tags = parseTagFile(decoder.decode(bagit));
    if (!tags.get('BagIt-Version')) problems.push('bagit.txt has no BagIt-Version line.');
    if ((tags.get('Tag-File-Character-Encoding') ?? '').toUpperCase() !== 'UTF-8')
      problems.push('bagit.txt does not declare Tag-File-Character-Encoding: UTF-8.');
    if (decoder.decode(bagit) !== BAGIT_TXT) problems.push('bagit.txt differs from the declaration Ringside writes.');
  }
  const listed = new Set<string>();
  for (const manifestName of [MANIFEST, TAGMANIFEST]) {
    const bytes = files.get(manifestName);
    if (!bytes) {
      problems.push(`${manifestName} is missing.`);
      continue;
    }
    const parsed = parseManifest(decoder.decode(bytes));
    if (parsed.badLines.length) problems.push(`${manifestName}: unreadable line(s) ${parsed.badLines.join(', ')}.`);
    for (const entry of parsed.entries) {
      if (manifestName === MANIFEST && !entry.path.startsWith('data/'))
        problems.push(`${MANIFEST} lists ${entry.path}, outside data/.`);
      listed.add(entry.path);
      const data = files.get(entry.path);
      if (!data) {
        results.push({ path: entry.path, status: 'missing', expected: entry.sha256, actual: null, bytes: null });
        continue;
      }
      const actual = (await sha256(data)).toLowerCase();
      results.push({
        path: entry.path,
        status: actual === entry.sha256 ? 'ok' : 'altered',
        expected: entry.sha256,
        actual,
        bytes: data.length,
      });
    }
  }
  for (const [path, data] of files) {
    if (listed.has(path) || path === TAGMANIFEST) continue;
    results.push({ path, status: 'extra', expected: null, actual: await sha256(data), bytes: data.length });
  }
  checkOxum(files, problems);
  results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const counts: Record<FileStatus, number> = { ok: 0, altered: 0, missing: 0, extra: 0 };
  for (const r of results) counts[r.status] += 1;
  const ok =
    problems.length === 0 && counts.altered === 0 && counts.missing === 0 && counts.extra === 0 && counts.ok > 0;
  return { ok, bagName, files: results, counts, problems, packet: readSummary(files.get('packet.json')) };
}

function stripRoot(input: ReadonlyMap<string, Uint8Array>): { bagName: string | null; files: Map<string, Uint8Array> } {
  const names = [...input.keys()];
  const first = names[0]?.split('/')[0];
  const shared = first !== undefined && names.every((n) => n.startsWith(`${first}/`)) && !input.has('bagit.txt');
  if (!shared) return { bagName: null, files: new Map(input) };
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of input) files.set(name.slice(first.length + 1), data);
  return { bagName: first, files };
}

function checkOxum(files: ReadonlyMap<string, Uint8Array>, problems: string[]): void {
  const info = files.get('bag-info.txt');
  const oxum = info ? parseTagFile(decoder.decode(info)).get('Payload-Oxum') : undefined;
  if (!oxum) return;
  let bytes = 0;
  let count = 0;
  for (const [path, data] of files) {
    if (!path.startsWith('data/')) continue;
    bytes += data.length;
    count += 1;
  }
  if (oxum !== `${bytes}.${count}`)
    problems.push(`Payload-Oxum says ${oxum}, the payload is ${bytes}.${count} (bytes.files).`);
}

function readSummary(bytes: Uint8Array | undefined): PacketSummary | null {
  if (!bytes) return null;
  try {
    const json = JSON.parse(decoder.decode(bytes)) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    const exporter = json['exporter'] as Record<string, unknown> | undefined;
    const tool = json['tool'] as Record<string, unknown> | undefined;
    const audit = json['audit'] as Record<string, unknown> | undefined;
    return {
      caseId: str(json['caseId']),
      profile: str((json['redaction'] as Record<string, unknown> | undefined)?.['profile']),
      exporter: str(exporter?.['identity']),
      toolVersion: tool ? `${str(tool['name']) ?? ''} ${str(tool['version']) ?? ''}`.trim() : null,
      asOf: str(json['asOf']),
      auditHead: str(audit?.['chainHeadHash']),
    };
  } catch {
    return null;
  }
}

function failed(problem: string): VerifyReport {
  return {
    ok: false,
    bagName: null,
    files: [],
    counts: { ok: 0, altered: 0, missing: 0, extra: 0 },
    problems: [problem],
    packet: null,
  };
}
