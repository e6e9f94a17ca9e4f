/**
 * The `extract.json` manifest: which files hold which entity, in what format, with which column
 * names, time formats, tombstone column and derived identifiers (README "Manifest"). Validated
 * with zod; every error names the manifest and the field path, e.g.
 * `extract.json: files[1].timestamps.occurred_at: expected "iso8601" | "epoch_s" | "epoch_ms"`.
 */
import { z } from 'zod';
import { RingsideError } from '../../shared/contract/errors.js';
import { ENTITIES, ENTITY_SPECS, type Entity } from '../../shared/domain/extract.js';
import { IDENTIFIER_KINDS } from '../../shared/domain/model.js';
import { isGlob } from './glob.js';
import { resolveZone } from './timestamps.js';
import { FILE_FORMATS, type FileFormat } from './types.js';

export const MANIFEST_NAME = 'extract.json';

/** Entities whose rows belong to one account, and the fields giving it and the row's time. */
export const ACCOUNT_OF: Partial<Record<Entity, { readonly account: string; readonly time: string }>> = {
  accounts: { account: 'id', time: 'created_at' },
  events: { account: 'account_id', time: 'occurred_at' },
  decisions: { account: 'account_id', time: 'decided_at' },
};

const relativePath = z
  .string()
  .min(1, 'must not be empty')
  .max(1024)
  .refine(
    (p) => !p.startsWith('/') && !/^[a-zA-Z]:/.test(p) && !p.includes('\\'),
    'must be a relative path with / separators',
  )
  .refine((p) => !p.split('/').includes('..'), 'must stay inside the source (no ".." segments)')
  .refine((p) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(p), 'must be relative to the manifest, not a URL');

const fileEntry = z
  .object({
    path: relativePath,
    entity: z.enum(ENTITIES),
    format: z.enum(FILE_FORMATS as unknown as [FileFormat, ...FileFormat[]]).optional(),
    columns: z.record(z.string(), z.string().min(1)).optional(),
    timestamps: z.record(z.string(), z.enum(['iso8601', 'epoch_s', 'epoch_ms'])).optional(),
    tombstone: z.string().min(1).optional(),
    deriveIdentifiers: z
      .array(z.object({ kind: z.enum(IDENTIFIER_KINDS), from: z.string().min(1) }).strict())
      .optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits')
      .transform((s) => s.toLowerCase())
      .optional(),
    bytes: z.number().int().min(0).optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    const spec = ENTITY_SPECS[entry.entity];
    const fields = new Map(spec.fields.map((f) => [f.name, f]));
    for (const field of Object.keys(entry.columns ?? {})) {
      if (!fields.has(field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', field],
          message: `"${field}" is not a field of ${entry.entity} (fields: ${[...fields.keys()].join(', ')})`,
        });
      }
    }
    for (const field of Object.keys(entry.timestamps ?? {})) {
      if (fields.get(field)?.type !== 'timestamp') {
        ctx.addIssue({
          code: 'custom',
          path: ['timestamps', field],
          message: `"${field}" is not a timestamp field of ${entry.entity}`,
        });
      }
    }
    if (entry.deriveIdentifiers && entry.deriveIdentifiers.length > 0 && !ACCOUNT_OF[entry.entity]) {
      ctx.addIssue({
        code: 'custom',
        path: ['deriveIdentifiers'],
        message: `identifiers can be derived only from ${Object.keys(ACCOUNT_OF).join(', ')} rows, not ${entry.entity}`,
      });
    }
    if (entry.format === undefined && formatFromName(entry.path) === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['format'],
        message: `is required: "${entry.path}" has no known extension (.csv, .tsv, .jsonl, .ndjson, .parquet, optionally .gz)`,
      });
    }
  });

const manifestSchema = z
  .object({
    version: z.literal(1),
    defaultZone: z
      .string()
      .refine(
        (zone) => resolveZone(zone) !== null,
        'must be "UTC", an offset like "+02:00", or an IANA zone like "Europe/Paris"',
      )
      .default('UTC'),
    files: z.array(fileEntry).min(1, 'must list at least one file'),
  })
  .strict();

export type Manifest = z.output<typeof manifestSchema>;
export type ManifestEntry = Manifest['files'][number];

/**
 * The format a file name implies, ignoring a trailing `.gz`: `.csv`, `.tsv`/`.tab`,
 * `.jsonl`/`.ndjson`, `.parquet`. Null for anything else.
 */
export function formatFromName(name: string): FileFormat | null {
  const base = name.toLowerCase().replace(/\.gz$/, '');
  if (base.endsWith('.csv')) return 'csv';
  if (base.endsWith('.tsv') || base.endsWith('.tab')) return 'tsv';
  if (base.endsWith('.jsonl') || base.endsWith('.ndjson')) return 'jsonl';
  if (base.endsWith('.parquet')) return 'parquet';
  return null;
}

/**
 * Parses and validates manifest text. `where` names the manifest in messages (a path or URL).
 * Throws BAD_INPUT listing every problem with its field path; `details.issues` has them as data.
 * `allowGlobs: false` (HTTP sources, which cannot list a folder) refuses wildcard paths.
 */
export function parseManifest(text: string, where: string, options: { allowGlobs: boolean }): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new RingsideError('BAD_INPUT', `${where}: not valid JSON (${(err as Error).message})`, { manifest: where });
  }
  const result = manifestSchema.safeParse(json);
  const issues = result.success
    ? []
    : result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  if (result.success && !options.allowGlobs) {
    result.data.files.forEach((entry, i) => {
      if (isGlob(entry.path)) {
        issues.push({
          path: `files[${i}].path`,
          message: 'wildcards need a folder source; an HTTP manifest must list each file',
        });
      }
    });
  }
  if (issues.length > 0 || !result.success) {
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new RingsideError('BAD_INPUT', `${where}: ${summary}`, { manifest: where, issues });
  }
  return result.data;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out.length === 0 ? String(part) : `.${String(part)}`;
  }
  return out || '(manifest)';
}
