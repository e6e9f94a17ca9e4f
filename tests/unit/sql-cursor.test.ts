/**
 * The runner's cursor over a result: pages forward, skips far ahead without decoding, serves
 * recent rows again from its window, re-runs for rows before the window, and knows the row count
 * once the end is reached. Uses a generator in place of a statement (the Db is only closed).
 */
import { describe, expect, it } from 'vitest';
import { Cursor } from '../../electron/query/cursor.js';
import type { Db } from '../../electron/db/open.js';

const TOTAL = 30_000;

function cursor() {
  let opened = 0;
  let decoded = 0;
  const open = () => {
    opened++;
    return (function* rows() {
      for (let i = 0; i < TOTAL; i++) {
        yield [i, `row ${i}`];
      }
    })();
  };
  const c = new Cursor({ close: () => undefined } as unknown as Db, () => {
    const it = open();
    return {
      next: () => {
        const step = it.next();
        if (!step.done) decoded++;
        return step;
      },
      return: (v?: unknown) => it.return(v as undefined),
      [Symbol.iterator]() {
        return this;
      },
    } as IterableIterator<unknown[]>;
  });
  return { c, opened: () => opened, decoded: () => decoded };
}

describe('Cursor', () => {
  it('pages forward and reports the end with the exact row count', () => {
    const { c } = cursor();
    const first = c.read(0, 3);
    expect(first).toEqual({
      rows: [
        [0, 'row 0'],
        [1, 'row 1'],
        [2, 'row 2'],
      ],
      done: false,
      rowCount: null,
    });
    const last = c.read(TOTAL - 2, 10);
    expect(last.rows).toEqual([
      [TOTAL - 2, `row ${TOTAL - 2}`],
      [TOTAL - 1, `row ${TOTAL - 1}`],
    ]);
    expect(last.done).toBe(true);
    expect(last.rowCount).toBe(TOTAL);
  });

  it('knows it is done when a page ends exactly at the last row', () => {
    const { c } = cursor();
    const page = c.read(TOTAL - 5, 5);
    expect(page.rows).toHaveLength(5);
    expect(page.done).toBe(true);
  });

  it('serves rows in the recent window without re-running, and re-runs for older rows', () => {
    const { c, opened } = cursor();
    c.read(20_000, 10);
    expect(c.read(19_000, 2).rows).toEqual([
      [19_000, 'row 19000'],
      [19_001, 'row 19001'],
    ]);
    expect(opened()).toBe(1);
    expect(c.read(100, 2).rows).toEqual([
      [100, 'row 100'],
      [101, 'row 101'],
    ]);
    expect(opened()).toBe(2);
  });

  it('steps over far rows without keeping them', () => {
    const { c, decoded } = cursor();
    const page = c.read(25_000, 5);
    expect(page.rows[0]).toEqual([25_000, 'row 25000']);
    // Every row up to the page is read once from SQLite, and the lookahead one more.
    expect(decoded()).toBe(25_006);
  });
});
