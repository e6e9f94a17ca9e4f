/**
 * Packet handlers: preview (what redaction will replace), export (a job), list and read the
 * packets in <workspace>/exports, and verify one on disk. The verification itself is the shared
 * pure code (shared/packets/verify.ts) the renderer also runs on a dropped file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RingsideError } from '../../shared/contract/errors.js';
import type { PacketListEntry, RedactionPreview } from '../../shared/contract/packets.js';
import { verifyPacketZip, type VerifyReport } from '../../shared/packets/verify.js';
import type { JobHandlers, ReadContext, ReadHandlers } from '../service/context.js';
import type { Workspace } from '../workspace/workspace.js';
import { collectCase } from './collect.js';
import { exportPacket } from './export.js';
import { buildRedactor, collectValues, fieldsFor, redactionKey } from './redact.js';

/** Packets larger than this are not sent through packets.read (the UI says where the file is). */
export const READ_CAP_BYTES = 200 * 1024 * 1024;

export function previewRedaction(
  ctx: ReadContext,
  req: { caseId: string; profile: 'internal' | 'external' | 'custom'; fields?: readonly string[] | undefined },
): RedactionPreview {
  const fields = fieldsFor(req.profile, req.fields as never);
  const data = collectCase(ctx.db, req.caseId);
  const values = collectValues(data, fields);
  const redactor = buildRedactor(redactionKey(ctx.workspace), values);
  return {
    caseId: req.caseId,
    profile: req.profile,
    fields,
    perField: fields.map((field) => {
      const set = [...(values.get(field) ?? [])];
      return {
        field,
        values: set.length,
        examples: set
          .slice(0, 3)
          .map((original) => ({ original, pseudonym: redactor.mapping.get(original)?.pseudonym ?? original })),
      };
    }),
  };
}

export function listPackets(workspace: Workspace): PacketListEntry[] {
  if (!fs.existsSync(workspace.exportsDir)) return [];
  return fs
    .readdirSync(workspace.exportsDir)
    .filter((name) => name.endsWith('.zip'))
    .map((fileName) => {
      const full = path.join(workspace.exportsDir, fileName);
      const stat = fs.statSync(full);
      const match = /^(.+)-(internal|external|custom)-[0-9a-f]{8}\.zip$/.exec(fileName);
      return {
        fileName,
        path: full,
        bytes: stat.size,
        modifiedAt: stat.mtimeMs,
        caseId: match?.[1] ?? null,
        profile: match?.[2] ?? null,
      };
    })
    .sort((a, b) => b.modifiedAt - a.modifiedAt || (a.fileName < b.fileName ? -1 : 1));
}

/** Verifies a packet file; NOT_FOUND when the path does not exist. */
export async function verifyFile(file: string): Promise<VerifyReport> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new RingsideError('NOT_FOUND', `Cannot read ${file}: ${(err as Error).message}`);
  }
  return verifyPacketZip(new Uint8Array(bytes), (b) => createHash('sha256').update(b).digest('hex'));
}

function exportFile(workspace: Workspace, fileName: string): string {
  if (fileName !== path.basename(fileName) || !fileName.endsWith('.zip'))
    throw new RingsideError('BAD_REQUEST', `${fileName} is not a packet file name.`);
  const full = path.join(workspace.exportsDir, fileName);
  if (!fs.existsSync(full)) throw new RingsideError('NOT_FOUND', `No packet ${fileName} in ${workspace.exportsDir}.`);
  return full;
}

export const packetsReadHandlers = {
  'packets.preview': (req, ctx) => previewRedaction(ctx, req),
  'packets.list': (_req, { workspace }) => ({ packets: listPackets(workspace) }),
  'packets.verify': (req) => verifyFile(req.path),
  'packets.read': (req, { workspace }) => {
    const full = exportFile(workspace, req.fileName);
    const size = fs.statSync(full).size;
    if (size > READ_CAP_BYTES) {
      throw new RingsideError(
        'BAD_REQUEST',
        `${req.fileName} is ${(size / 1048576).toFixed(0)} MB, over the 200 MB download limit; copy it from ${full}.`,
      );
    }
    return { fileName: req.fileName, bytes: size, base64: fs.readFileSync(full).toString('base64') };
  },
} satisfies Partial<ReadHandlers>;

export const packetsJobHandlers = {
  'packets.export': (req, ctx) => exportPacket(ctx, req),
} satisfies Partial<JobHandlers>;
