/**
 * Exports a case as an evidence packet: a ZIP holding one BagIt bag named `<case>-<profile>/`.
 *
 * Determinism: the bag depends only on the cache's content (and the exporter identity and the
 * workspace redaction key): files in a fixed order, ZIP entry times set to the packet's as-of
 * time, canonical JSON, PDF dates and /ID normalised, no wall-clock anywhere in the content. The
 * real export time goes to the audit entry (`packet.exported`: who, when, profile, packet hash),
 * which is itself excluded from later packets so re-exporting gives byte-identical files.
 *
 * Failure modes: NOT_FOUND (no such case), BAD_REQUEST (custom profile without fields),
 * UNAVAILABLE (no Chromium for the PDF/PNGs), CANCELLED (between stages), IO_ERROR
 * (exports folder not writable). Nothing is written to exports/ unless the whole packet is built.
 */
import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import type { PacketExportResult, PacketProfile, RedactableField } from '../../shared/contract/packets.js';
import { RingsideError } from '../../shared/contract/errors.js';
import { BAGIT_TXT, bagInfoText, manifestText } from '../../shared/packets/bagit.js';
import { canonicalJson } from '../../shared/lib/canonicalJson.js';
import { RINGSIDE_VERSION } from '../../shared/version.js';
import { appendAudit } from '../audit/audit.js';
import type { JobContext } from '../service/context.js';
import { actorName } from '../workspace/settings.js';
import { collectCase, PACKET_EXPORT_ACTION } from './collect.js';
import { svgSize, textFiles, type FileMap } from './files.js';
import { computeLinkage } from './linkage.js';
import { buildModel, type PacketModel } from './model.js';
import { buildRedactor, collectValues, fieldsFor, redactionKey } from './redact.js';
import { openRenderer } from './render.js';

export interface ExportRequest {
  readonly caseId: string;
  readonly profile: PacketProfile;
  readonly fields?: readonly RedactableField[] | undefined;
}

const STAGES = [
  'Reading case',
  'Redacting',
  'Writing report and data',
  'Rendering PNG images',
  'Rendering PDF',
  'Hashing and zipping',
  'Saving',
] as const;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const enc = new TextEncoder();

export async function exportPacket(ctx: JobContext, req: ExportRequest): Promise<PacketExportResult> {
  const stageMs: Record<string, number> = {};
  let started = performance.now();
  const stage = (i: number) => {
    if (i > 0) stageMs[STAGES[i - 1] ?? String(i)] = Math.round(performance.now() - started);
    started = performance.now();
    ctx.throwIfCancelled();
    ctx.progress({ unit: 'stages', done: i, total: STAGES.length, message: STAGES[i] ?? 'Done' });
  };
  stage(0);
  const fields = fieldsFor(req.profile, req.fields);
  const raw = collectCase(ctx.db, req.caseId);
  const linkage = computeLinkage(ctx.db, raw);
  stage(1);
  const key = redactionKey(ctx.workspace);
  const redactor = buildRedactor(key, collectValues(raw, fields));
  const exporter = actorName(ctx.db);
  const model = buildModel(raw, linkage, redactor, req.profile, exporter);
  stage(2);
  const payload = textFiles(model);
  stage(3);
  const renderer = await openRenderer();
  try {
    for (const name of ['graph', 'timeline'] as const) {
      const svg = name === 'graph' ? model.graphSvg : model.timelineSvg;
      const { width, height } = svgSize(svg);
      payload.set(`data/${name}.png`, await renderer.png(svg, width, height));
      ctx.throwIfCancelled();
    }
    stage(4);
    payload.set('data/report.pdf', await renderer.pdf(new TextDecoder().decode(payload.get('data/report.html'))));
  } finally {
    await renderer.close();
  }
  stage(5);
  const keyId = createHmac('sha256', key).update('ringside-redaction-key-id').digest('hex').slice(0, 16);
  const bag = bagFiles(model, payload, fields.length > 0 ? keyId : null);
  const mtime = zipTime(model.data.asOf.at);
  const root = `${req.caseId.replace(/[^A-Za-z0-9._-]/g, '_')}-${req.profile}`;
  const zippable: Zippable = {};
  for (const [p, bytes] of bag) zippable[`${root}/${p}`] = [bytes, { mtime, level: /\.(png|pdf)$/.test(p) ? 0 : 6 }];
  const zip = zipSync(zippable);
  const zipHash = sha256(zip);
  stage(6);
  const fileName = `${root}-${zipHash.slice(0, 8)}.zip`;
  const target = path.join(ctx.workspace.exportsDir, fileName);
  try {
    fs.mkdirSync(ctx.workspace.exportsDir, { recursive: true });
    const tmp = `${target}.partial`;
    fs.writeFileSync(tmp, zip);
    fs.renameSync(tmp, target);
  } catch (err) {
    throw new RingsideError('IO_ERROR', `Cannot write the packet to ${target}: ${(err as Error).message}`);
  }
  ctx.db.transaction(() =>
    appendAudit(ctx.db, {
      actor: exporter,
      action: PACKET_EXPORT_ACTION,
      entityType: 'case',
      entityId: req.caseId,
      payload: { profile: req.profile, fields, fileName, sha256: zipHash, bytes: zip.length, asOf: model.asOfIso },
    }),
  )();
  ctx.changed('audit_log');
  stage(7);
  return {
    caseId: req.caseId,
    profile: req.profile,
    path: target,
    fileName,
    sha256: zipHash,
    bytes: zip.length,
    files: [...bag].map(([p, bytes]) => ({ path: p, bytes: bytes.length, sha256: sha256(bytes) })),
    stageMs,
  };
}

function isoOrNull(ms: unknown): string | null {
  return typeof ms === 'number' ? new Date(ms).toISOString() : null;
}

/** The DOS time of a ZIP entry is local wall time: build it from UTC fields so the zone never matters. */
function zipTime(ms: number): Date {
  const d = new Date(Math.max(ms, Date.UTC(1980, 0, 1)));
  return new Date(
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  );
}

/** Adds the BagIt tag files and packet.json; returns every file in its fixed order. */
export function bagFiles(model: PacketModel, payload: FileMap, keyId: string | null): FileMap {
  const d = model.data;
  const sorted = [...payload.keys()].sort();
  const manifest = manifestText(sorted.map((p) => ({ path: p, sha256: sha256(payload.get(p) as Uint8Array) })));
  const bytes = sorted.reduce((sum, p) => sum + (payload.get(p)?.length ?? 0), 0);
  const packetJson = {
    format: 'ringside-evidence-packet/1',
    caseId: String(d.kase['id']),
    title: String(d.kase['title']),
    asOf: model.asOfIso,
    asOfZone: d.asOf.tz,
    asOfNote:
      'The packet is as of the newest audit entry of the case (packet exports excluded); the real export time is in the audit log entry packet.exported.',
    exporter: { identity: model.exporter },
    tool: { name: 'Ringside', version: RINGSIDE_VERSION },
    redaction: {
      profile: model.profile,
      fields: model.fields,
      method: model.fields.length
        ? 'pseudonym = prefix + base32(HMAC-SHA256(workspace key, field + ":" + value))[0..10]; the key is not in the packet'
        : 'none',
      keyId,
    },
    audit: { chainHeadSeq: d.asOf.seq, chainHeadHash: d.asOf.hash, excerptEntries: d.audit.length },
    syncRuns: d.syncRuns.map((r) => ({
      ...r,
      started_at: isoOrNull(r['started_at']),
      finished_at: isoOrNull(r['finished_at']),
    })),
    counts: {
      subjects: d.subjects.length,
      identifiers: d.identifiers.length,
      events: d.events.length,
      decisions: d.decisions.length,
      appeals: d.appeals.length,
      notes: d.notes.length,
      evidence: d.evidence.length,
    },
  };
  const tags: FileMap = new Map();
  tags.set('bagit.txt', enc.encode(BAGIT_TXT));
  tags.set(
    'bag-info.txt',
    enc.encode(
      bagInfoText([
        ['Source-Organization', 'Ringside workspace'],
        ['External-Identifier', String(d.kase['id'])],
        ['External-Description', `Evidence packet for case ${String(d.kase['id'])} (${model.profile} profile)`],
        ['Bagging-Date', model.asOfIso.slice(0, 10)],
        ['Bag-Software-Agent', `Ringside ${RINGSIDE_VERSION}`],
        ['Payload-Oxum', `${bytes}.${sorted.length}`],
      ]),
    ),
  );
  tags.set('packet.json', enc.encode(`${JSON.stringify(JSON.parse(canonicalJson(packetJson)), null, 2)}\n`));
  tags.set('manifest-sha256.txt', enc.encode(manifest));
  const tagmanifest = manifestText([...tags].map(([p, b]) => ({ path: p, sha256: sha256(b) })));
  tags.set('tagmanifest-sha256.txt', enc.encode(tagmanifest));
  const out: FileMap = new Map();
  for (const p of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'packet.json'])
    out.set(p, tags.get(p) as Uint8Array);
  for (const p of sorted) out.set(p, payload.get(p) as Uint8Array);
  return out;
}
