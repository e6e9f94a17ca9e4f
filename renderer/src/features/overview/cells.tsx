/** Cell renderers shared by account tables: lifecycle pill and a risk score with a meter. */
import type { CustomCellRendererProps } from 'ag-grid-react';
import { StatusPill } from '../../components/StatusPill';

export function LifecycleCell({ value }: CustomCellRendererProps<unknown, string>) {
  return typeof value === 'string' ? <StatusPill status={value} /> : null;
}

/** Risk is 0..1; the meter's colour bands (0.4, 0.7) are for scanning, not a policy threshold. */
export function RiskCell({ value }: CustomCellRendererProps<unknown, number | null>) {
  if (value === null || value === undefined) return <span className="faint">—</span>;
  const level = value >= 0.7 ? 'high' : value >= 0.4 ? 'medium' : 'low';
  return (
    <span className={`risk risk-${level}`}>
      <span className="risk-meter" aria-hidden="true">
        <span style={{ width: `${Math.min(1, Math.max(0, value)) * 100}%` }} />
      </span>
      <span className="num">{value.toFixed(3)}</span>
    </span>
  );
}
