/**
 * Which files of a source load into which entity. Two modes:
 *  - with a manifest: each `files[]` entry (a path or a glob) maps the files it matches; a file
 *    matched by two entries is a manifest error (which mapping wins would be a guess);
 *  - without one (the canonical format of shared/domain/extract.ts): `<entity>.<ext>` and
 *    `<entity>-<part>.<ext>` at the top of the folder, ext one of csv, tsv, jsonl, ndjson, parquet,
 *    optionally followed by .gz; a `deleted` column is the tombstone; events derive ip and device
 *    identifiers.
 * Everything else is listed in `ignored` (README, ground_truth.json...), never an error.
 */
import { RingsideError } from '../../shared/contract/errors.js';
import { ENTITIES, type Entity } from '../../shared/domain/extract.js';
import { globToRegExp, isGlob } from './glob.js';
import { formatFromName, type Manifest } from './manifest.js';
import type { FileMapping, FilePlan, SyncPlan } from './types.js';

/** Canonical entity order: accounts first, so a first sync reads naturally in run history. */
const ENTITY_ORDER = new Map<Entity, number>(ENTITIES.map((entity, i) => [entity, i]));

/** The mapping of a manifest-less file: canonical columns, `deleted` tombstone, ip/device identifiers from events. */
export function canonicalMapping(entity: Entity, format: FileMapping['format']): FileMapping {
  return {
    entity,
    format,
    columns: {},
    timestamps: {},
    tombstone: 'deleted',
    deriveIdentifiers:
      entity === 'events'
        ? [
            { kind: 'ip', from: 'ip' },
            { kind: 'device', from: 'device' },
          ]
        : [],
    defaultZone: 'UTC',
    implicit: true,
  };
}

/** The entity a canonical file name stands for, or null (longest entity name wins). */
export function entityFromName(name: string): Entity | null {
  const format = formatFromName(name);
  if (!format) return null;
  const stem = name.replace(/\.gz$/i, '').replace(/\.[^.]+$/, '');
  const candidates = [...ENTITIES].sort((a, b) => b.length - a.length);
  for (const entity of candidates) {
    if (stem === entity || stem.startsWith(`${entity}-`)) return entity;
  }
  return null;
}

/**
 * Plans a manifest-less folder from its top-level entries (`dirs` end with `/`). Throws BAD_INPUT
 * naming the location when nothing in it is an entity file.
 */
export function planCanonical(files: readonly string[], dirs: readonly string[], where: string): SyncPlan {
  const plans: FilePlan[] = [];
  const ignored: string[] = [];
  for (const file of files) {
    const entity = entityFromName(file);
    const format = formatFromName(file);
    if (entity && format)
      plans.push({ path: file, mapping: canonicalMapping(entity, format), sha256: null, bytes: null });
    else ignored.push(file);
  }
  ignored.push(...dirs);
  if (plans.length === 0) {
    throw new RingsideError(
      'BAD_INPUT',
      `No extract files in ${where}: expected files named after an entity (${ENTITIES.map((e) => `${e}.csv`).join(', ')}; ` +
        `also .tsv, .jsonl, .ndjson, .parquet, optionally .gz) or an extract.json manifest.` +
        (ignored.length > 0
          ? ` Found only: ${ignored.slice(0, 10).join(', ')}${ignored.length > 10 ? ', ...' : ''}.`
          : ' The folder is empty.'),
      { location: where, ignored },
    );
  }
  return { files: sortPlans(plans), ignored: ignored.sort(), manifest: null };
}

/**
 * Plans from a manifest. `available` lists the source's files (recursive, relative) for folder
 * sources, or null for HTTP sources, where every entry names one file. A literal path missing from
 * a folder is still planned (it then fails as not found, so the run shows it).
 */
export function planManifest(manifest: Manifest, manifestName: string, available: readonly string[] | null): SyncPlan {
  const plans: FilePlan[] = [];
  const claimed = new Map<string, number>();
  manifest.files.forEach((entry, index) => {
    const mappingFor = (path: string): FileMapping => ({
      entity: entry.entity,
      format: entry.format ?? (formatFromName(path) as FileMapping['format']),
      columns: entry.columns ?? {},
      timestamps: entry.timestamps ?? {},
      tombstone: entry.tombstone ?? null,
      deriveIdentifiers: entry.deriveIdentifiers ?? [],
      defaultZone: manifest.defaultZone,
      implicit: false,
    });
    const matches =
      available !== null && isGlob(entry.path)
        ? available.filter((file) => globToRegExp(entry.path).test(file))
        : [entry.path];
    for (const path of matches) {
      const previous = claimed.get(path);
      if (previous !== undefined) {
        throw new RingsideError(
          'BAD_INPUT',
          `${manifestName}: files[${index}].path: "${path}" is already mapped by files[${previous}]; each file may load into one entity only`,
          { manifest: manifestName },
        );
      }
      claimed.set(path, index);
      if (formatFromName(path) === null && entry.format === undefined) {
        throw new RingsideError(
          'BAD_INPUT',
          `${manifestName}: files[${index}].format: is required for "${path}" (no known extension)`,
          { manifest: manifestName },
        );
      }
      const single = !isGlob(entry.path);
      plans.push({
        path,
        mapping: mappingFor(path),
        // A digest or size describes one file, so it only applies to an entry naming one file.
        sha256: single ? (entry.sha256 ?? null) : null,
        bytes: single ? (entry.bytes ?? null) : null,
      });
    }
  });
  const ignored = (available ?? []).filter((file) => !claimed.has(file) && file !== manifestName);
  return { files: plans, ignored: ignored.sort(), manifest: manifestName };
}

function sortPlans(plans: FilePlan[]): FilePlan[] {
  return plans.sort(
    (a, b) =>
      (ENTITY_ORDER.get(a.mapping.entity) ?? 0) - (ENTITY_ORDER.get(b.mapping.entity) ?? 0) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}
