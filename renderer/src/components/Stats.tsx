/** Dense figures: a strip of labelled counts, and horizontal bar rows for a mix. */
import { formatInt, formatPercent, humanize } from '../lib/format';

export function StatStrip({
  items,
  label,
}: {
  items: readonly { label: string; value: number | null; hint?: string }[];
  label: string;
}) {
  return (
    <dl className="stat-strip" aria-label={label}>
      {items.map((item) => (
        <div className="stat" key={item.label} title={item.hint}>
          <dt>{item.label}</dt>
          <dd className="num">{formatInt(item.value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function BarRows({
  rows,
  label,
  tone,
}: {
  rows: readonly { key: string; value: number }[];
  label: string;
  /** Optional colour per key (CSS colour or variable). */
  tone?: (key: string) => string | undefined;
}) {
  const total = rows.reduce((sum, row) => sum + row.value, 0);
  const max = rows.reduce((m, row) => Math.max(m, row.value), 0);
  if (rows.length === 0) return <p className="muted empty-line">No rows yet.</p>;
  return (
    <table className="bar-rows" aria-label={label}>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" className="truncate" title={row.key}>
              {humanize(row.key)}
            </th>
            <td className="bar-cell">
              <div className="bar-track">
                <div
                  className="bar-fill"
                  style={{ width: `${max > 0 ? (row.value / max) * 100 : 0}%`, background: tone?.(row.key) }}
                />
              </div>
            </td>
            <td className="num">{formatInt(row.value)}</td>
            <td className="num faint">{formatPercent(row.value, total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
