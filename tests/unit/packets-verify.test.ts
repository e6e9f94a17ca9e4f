/**
 * The pure packet verifier (shared/packets/verify.ts) on bags built in memory: it must report
 * an intact bag as ok and each kind of damage by name. Also the BagIt text helpers and the
 * CSV formula-injection guard the packet's data files rely on.
 */
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  BAGIT_TXT,
  bagInfoText,
  decodeManifestPath,
  encodeManifestPath,
  manifestText,
  parseManifest,
} from '../../shared/packets/bagit.js';
import { csvCell, csvDocument } from '../../shared/packets/csv.js';
import { verifyBagFiles, verifyPacketZip } from '../../shared/packets/verify.js';

const enc = new TextEncoder();
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function bag(): Map<string, Uint8Array> {
  const payload = new Map<string, Uint8Array>([
    ['data/report.html', enc.encode('<h1>Case</h1>')],
    ['data/events.csv', enc.encode('id\r\nev_1\r\n')],
  ]);
  const files = new Map<string, Uint8Array>();
  files.set('bagit.txt', enc.encode(BAGIT_TXT));
  files.set(
    'bag-info.txt',
    enc.encode(bagInfoText([['Payload-Oxum', `${[...payload.values()].reduce((s, b) => s + b.length, 0)}.2`]])),
  );
  files.set(
    'packet.json',
    enc.encode(
      JSON.stringify({ caseId: 'RS-00001', redaction: { profile: 'external' }, exporter: { identity: 'ana' } }),
    ),
  );
  files.set(
    'manifest-sha256.txt',
    enc.encode(manifestText([...payload].map(([path, b]) => ({ path, sha256: sha(b) })))),
  );
  files.set(
    'tagmanifest-sha256.txt',
    enc.encode(manifestText([...files].map(([path, b]) => ({ path, sha256: sha(b) })))),
  );
  for (const [p, b] of payload) files.set(p, b);
  return new Map([...files].map(([p, b]) => [`RS-00001-external/${p}`, b]));
}

describe('packet verification', () => {
  it('passes an intact bag, in a ZIP, and reads packet.json', async () => {
    const zip = zipSync(Object.fromEntries(bag()));
    const report = await verifyPacketZip(zip, sha);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.bagName).toBe('RS-00001-external');
    expect(report.counts).toEqual({ ok: 6, altered: 0, missing: 0, extra: 0 });
    expect(report.packet).toMatchObject({ caseId: 'RS-00001', profile: 'external', exporter: 'ana' });
  });

  it('names an altered, a missing and an extra file', async () => {
    const files = bag();
    files.set('RS-00001-external/data/report.html', enc.encode('<h1>Case (edited)</h1>'));
    files.delete('RS-00001-external/data/events.csv');
    files.set('RS-00001-external/data/planted.txt', enc.encode('planted'));
    const report = await verifyBagFiles(files, sha);
    expect(report.ok).toBe(false);
    const status = Object.fromEntries(report.files.map((f) => [f.path, f.status]));
    expect(status).toMatchObject({
      'data/report.html': 'altered',
      'data/events.csv': 'missing',
      'data/planted.txt': 'extra',
      'bagit.txt': 'ok',
    });
    expect(report.problems.join(' ')).toContain('Payload-Oxum');
  });

  it('catches an edited tag file and a missing bagit.txt', async () => {
    const files = bag();
    files.set('RS-00001-external/packet.json', enc.encode('{"caseId":"RS-00002"}'));
    let report = await verifyBagFiles(files, sha);
    expect(report.files.find((f) => f.path === 'packet.json')?.status).toBe('altered');
    files.delete('RS-00001-external/bagit.txt');
    report = await verifyBagFiles(files, sha);
    expect(report.ok).toBe(false);
    expect(report.problems.join(' ')).toContain('bagit.txt is missing');
  });

  it('reports a file that is not a ZIP instead of throwing', async () => {
    const report = await verifyPacketZip(enc.encode('hello'), sha);
    expect(report).toMatchObject({ ok: false, files: [] });
    expect(report.problems[0]).toContain('Not a readable ZIP');
  });

  it('round-trips manifest paths with CR, LF and % (RFC 8493 §2.1.3)', () => {
    const odd = 'data/a%b\nc\rd.csv';
    expect(decodeManifestPath(encodeManifestPath(odd))).toBe(odd);
    const parsed = parseManifest(manifestText([{ path: odd, sha256: 'a'.repeat(64) }]) + 'garbage\n');
    expect(parsed.entries).toEqual([{ path: odd, sha256: 'a'.repeat(64) }]);
    expect(parsed.badLines).toEqual([2]);
  });
});

describe('packet CSV', () => {
  it('neutralises formula injection but keeps numbers numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1 555 0100')).toBe("'+1 555 0100");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(null)).toBe('');
    expect(csvDocument(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});
