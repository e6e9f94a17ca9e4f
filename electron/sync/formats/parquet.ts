/**
 * Parquet through hyparquet, one row group at a time: memory is bounded by the largest row group
 * (writers default to ~128 MiB or 1M rows per group), not by the file. Only the top-level columns
 * are read; nested columns arrive as JSON values and are kept in `attrs`. Compression codecs:
 * uncompressed and snappy (hyparquet's built-ins); others fail the file with hyparquet's message.
 */
import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetReadObjects,
  parquetSchema,
  type FileMetaData,
} from 'hyparquet';
import { RingsideError } from '../../../shared/contract/errors.js';
import { truncateRaw, type SourceRecord } from '../types.js';
import { readHead, isGzipMagic, isParquetMagic } from './bytes.js';

class ParquetRecord implements SourceRecord {
  readonly error = null;
  readonly suspect = true;
  constructor(
    readonly line: number,
    readonly cells: unknown[],
    readonly extras: Record<string, unknown> | null,
    private readonly row: Record<string, unknown>,
  ) {}

  raw(): string {
    return truncateRaw(
      JSON.stringify(this.row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)),
    );
  }
}

export interface ParquetSource {
  readonly columns: readonly string[];
  /** Row batches, one per row group; `wanted` columns go to cells, the rest to extras. */
  batches(wanted: readonly string[]): AsyncGenerator<SourceRecord[]>;
}

/**
 * Opens a Parquet file and reads its footer. Throws BAD_INPUT when the file does not start and
 * end with the `PAR1` magic or its footer cannot be parsed (truncated, or not Parquet at all).
 */
export async function openParquet(file: string): Promise<ParquetSource> {
  const head = await readHead(file, 4);
  if (isGzipMagic(head)) {
    throw new RingsideError(
      'BAD_INPUT',
      'it is gzip-compressed; Parquet compresses internally, give the .parquet file itself',
    );
  }
  if (!isParquetMagic(head)) throw new RingsideError('BAD_INPUT', 'it is not a Parquet file (no PAR1 header)');
  const buffer = await asyncBufferFromFile(file);
  const tail = new Uint8Array(await buffer.slice(Math.max(0, buffer.byteLength - 4)));
  if (!isParquetMagic(tail)) throw new RingsideError('BAD_INPUT', 'the Parquet file is truncated (no PAR1 footer)');
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (err) {
    throw new RingsideError('BAD_INPUT', `its Parquet footer cannot be read (${(err as Error).message})`);
  }
  const columns = parquetSchema(metadata).children.map((child) => child.element.name);
  return {
    columns,
    async *batches(wanted) {
      const wantedSet = new Set(wanted);
      let groupStart = 0;
      for (const group of metadata.row_groups) {
        const rows = Number(group.num_rows);
        let objects: Record<string, unknown>[];
        try {
          objects = await parquetReadObjects({
            file: buffer,
            metadata,
            rowStart: groupStart,
            rowEnd: groupStart + rows,
          });
        } catch (err) {
          throw new RingsideError(
            'BAD_INPUT',
            `row group at row ${groupStart + 1} cannot be read (${(err as Error).message})`,
          );
        }
        const out: SourceRecord[] = new Array<SourceRecord>(objects.length);
        for (let r = 0; r < objects.length; r++) {
          const row = objects[r] as Record<string, unknown>;
          const cells = wanted.map((name) => row[name]);
          let extras: Record<string, unknown> | null = null;
          for (const key of columns) {
            if (wantedSet.has(key) || row[key] === null || row[key] === undefined) continue;
            extras ??= Object.create(null) as Record<string, unknown>;
            extras[key] = row[key];
          }
          out[r] = new ParquetRecord(groupStart + r + 1, cells, extras, row);
        }
        groupStart += rows;
        yield out;
      }
    },
  };
}
