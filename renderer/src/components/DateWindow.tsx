/**
 * A window of whole UTC days picked with two date inputs (Rules lab, Dashboard). Both dates or
 * neither; the second on or after the first. `window` is [from 00:00, to + 1 day) in epoch ms,
 * or undefined (all time) while the inputs are empty or invalid.
 */
import { useMemo, useState } from 'react';

const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

export interface DateWindowState {
  readonly from: string;
  readonly to: string;
  setFrom(value: string): void;
  setTo(value: string): void;
  clear(): void;
  readonly window: { readonly from: number; readonly to: number } | undefined;
  readonly invalid: boolean;
}

export function useDateWindow(): DateWindowState {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const window = useMemo(
    () => (from && to && dayMs(to) >= dayMs(from) ? { from: dayMs(from), to: dayMs(to) + 86_400_000 } : undefined),
    [from, to],
  );
  const invalid = (from !== '') !== (to !== '') || (from !== '' && to !== '' && window === undefined);
  return { from, to, setFrom, setTo, clear: () => (setFrom(''), setTo('')), window, invalid };
}

export function DateWindowInputs({ state, idPrefix, label }: { state: DateWindowState; idPrefix: string; label: string }) {
  const cls = `input ${state.invalid ? 'input-invalid' : ''}`;
  return (
    <div className="field-inline">
      <label htmlFor={`${idPrefix}-from`}>{label}</label>
      <input id={`${idPrefix}-from`} type="date" className={cls} value={state.from} onChange={(e) => state.setFrom(e.target.value)} />
      <label htmlFor={`${idPrefix}-to`}>to</label>
      <input id={`${idPrefix}-to`} type="date" className={cls} value={state.to} onChange={(e) => state.setTo(e.target.value)} />
      {state.from || state.to ? (
        <button type="button" className="btn btn-xs btn-ghost" onClick={state.clear}>
          All time
        </button>
      ) : null}
    </div>
  );
}
