/**
 * Evidence packets (#8): export a case as one deterministic ZIP (report.html + report.pdf, CSVs,
 * graph/timeline SVG + PNG, BagIt manifests, packet.json), preview redaction first, list and
 * verify packets. The BagIt verification itself is pure code in shared/packets/verify.ts so the
 * renderer can verify a dropped file without the service.
 */
import { z } from 'zod';
import { job, method } from './define.js';
import type { VerifyReport } from '../packets/verify.js';

/** Fields a redaction profile can replace by pseudonyms. */
export const REDACTABLE_FIELDS = [
  'email',
  'phone',
  'ip',
  'payment_instrument',
  'bank_account',
  'display_name',
  'address',
  'device',
  'account_id',
] as const;
export type RedactableField = (typeof REDACTABLE_FIELDS)[number];

/** The external profile: what leaves the organisation. Account ids stay (they are internal ids). */
export const EXTERNAL_FIELDS: readonly RedactableField[] = [
  'email',
  'phone',
  'ip',
  'payment_instrument',
  'bank_account',
  'display_name',
  'address',
];

export const packetProfileSchema = z.enum(['internal', 'external', 'custom']);
export type PacketProfile = z.infer<typeof packetProfileSchema>;

const packetRequest = z
  .object({
    caseId: z.string().min(1).max(200),
    profile: packetProfileSchema.default('internal'),
    /** For `custom`: the fields to replace (ignored otherwise). */
    fields: z.array(z.enum(REDACTABLE_FIELDS)).max(REDACTABLE_FIELDS.length).optional(),
  })
  .strict();

export interface RedactionFieldPreview {
  readonly field: RedactableField;
  /** Distinct values that will be replaced. */
  readonly values: number;
  readonly examples: readonly { readonly original: string; readonly pseudonym: string }[];
}

export interface RedactionPreview {
  readonly caseId: string;
  readonly profile: PacketProfile;
  readonly fields: readonly RedactableField[];
  readonly perField: readonly RedactionFieldPreview[];
}

export interface PacketFileInfo {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface PacketExportResult {
  readonly caseId: string;
  readonly profile: PacketProfile;
  readonly path: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly files: readonly PacketFileInfo[];
  /** Wall-clock duration of each stage, ms (reported, never part of the packet). */
  readonly stageMs: Readonly<Record<string, number>>;
}

export interface PacketListEntry {
  readonly fileName: string;
  readonly path: string;
  readonly bytes: number;
  readonly modifiedAt: number;
  readonly caseId: string | null;
  readonly profile: string | null;
}

export const packetMethods = {
  'packets.preview': method<RedactionPreview>()(
    'read',
    packetRequest,
    'What a redaction profile will replace in a case packet: per field, how many values and three examples (original -> pseudonym).',
  ),
  'packets.export': job<PacketExportResult>()(
    'Exporting evidence packet',
    packetRequest,
    'Export a case as a deterministic BagIt ZIP in <workspace>/exports; records an audit entry with the packet hash.',
  ),
  'packets.list': method<{ readonly packets: readonly PacketListEntry[] }>()(
    'read',
    z.object({}).strict(),
    'Evidence packets in <workspace>/exports, newest first.',
  ),
  'packets.verify': method<VerifyReport>()(
    'read',
    z.object({ path: z.string().min(1).max(4000) }).strict(),
    'Verify a packet ZIP on disk: every BagIt hash, missing, extra and altered files.',
  ),
  'packets.read': method<{ readonly fileName: string; readonly bytes: number; readonly base64: string }>()(
    'read',
    z.object({ fileName: z.string().min(1).max(300) }).strict(),
    'The bytes of a packet in <workspace>/exports as base64 (for a browser download); refuses packets over 200 MB.',
  ),
} as const;
