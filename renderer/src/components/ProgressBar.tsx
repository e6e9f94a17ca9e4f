/** A thin progress bar; without a known total it shows an indeterminate sweep. */
export function ProgressBar({ done, total, label }: { done: number; total: number | null; label: string }) {
  const pct = total !== null && total > 0 ? Math.min(100, (done / total) * 100) : null;
  return (
    <div
      className={pct === null ? 'progress progress-indeterminate' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={pct === null ? undefined : 100}
      aria-valuenow={pct === null ? undefined : Math.round(pct)}
    >
      <div className="progress-fill" style={pct === null ? undefined : { width: `${pct}%` }} />
    </div>
  );
}
