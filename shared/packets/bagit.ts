/**
 * BagIt (RFC 8493) text formats, pure: the tag files a packet carries and their parsers. Used to
 * write packets (electron/packets) and to verify them anywhere (shared/packets/verify.ts), so the
 * writer and the verifier cannot disagree on the format.
 */

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

/** RFC 8493 §2.1.3: CR, LF and % in manifest paths are percent-encoded. */
export function encodeManifestPath(path: string): string {
  return path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function decodeManifestPath(path: string): string {
  return path.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

export interface ManifestEntry {
  readonly sha256: string;
  readonly path: string;
}

/** `<hash>  <path>` lines, sorted by path (byte order) so the text is deterministic. */
export function manifestText(entries: readonly ManifestEntry[]): string {
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => `${e.sha256}  ${encodeManifestPath(e.path)}\n`)
    .join('');
}

export interface ParsedManifest {
  readonly entries: ManifestEntry[];
  /** 1-based line numbers that could not be parsed. */
  readonly badLines: number[];
}

export function parseManifest(text: string): ParsedManifest {
  const entries: ManifestEntry[] = [];
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const match = /^([0-9a-fA-F]{64})[ \t]+\*?(.+)$/.exec(line);
    if (!match?.[1] || !match[2]) {
      badLines.push(i + 1);
      return;
    }
    entries.push({ sha256: match[1].toLowerCase(), path: decodeManifestPath(match[2]) });
  });
  return { entries, badLines };
}

/** bag-info.txt: `Label: value` lines in the given order (values single-line). */
export function bagInfoText(fields: readonly (readonly [string, string])[]): string {
  return fields.map(([label, value]) => `${label}: ${value.replace(/\r?\n/g, ' ')}\n`).join('');
}

export function parseTagFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) {
      out.set(last, `${out.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const idx = line.indexOf(':');
    if (idx <= 0) continue;
    last = line.slice(0, idx).trim();
    out.set(last, line.slice(idx + 1).trim());
  }
  return out;
}
