/** Choosing the accounts to lay out as lanes: paste ids, or take the graph's selection. */
import { useState } from 'react';
import { useWorkbench } from '../../lib/workbench';
import { parseAccountList, setTimelineParams } from './useLaneSource';

export function LanePicker({ current, onDone }: { current: readonly string[]; onDone?: () => void }) {
  const [text, setText] = useState(current.join(', '));
  const workbench = useWorkbench();
  const parsed = parseAccountList(text);
  const apply = (accounts: readonly string[]) => {
    setTimelineParams({ accounts: accounts.join(',') });
    onDone?.();
  };
  return (
    <form
      className="lane-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.length > 0) apply(parsed);
      }}
    >
      <div className="field field-grow">
        <label htmlFor="timeline-accounts">Account ids</label>
        <textarea
          id="timeline-accounts"
          className="input mono"
          rows={2}
          placeholder="acc_00012, acc_00345 … (comma, space or newline separated; up to 500)"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
              e.preventDefault();
              if (parsed.length > 0) apply(parsed);
            }
          }}
        />
        <span className="field-help">
          {parsed.length} account{parsed.length === 1 ? '' : 's'}. Also opens from a case (<span className="mono">#/timeline?case=ID</span>) or the graph’s selection.
        </span>
      </div>
      <div className="lane-picker-actions">
        <button type="submit" className="btn btn-primary" disabled={parsed.length === 0 || parsed.length > 500}>
          Show timeline
        </button>
        {workbench.selectedAccounts.length > 0 ? (
          <button type="button" className="btn" onClick={() => apply(workbench.selectedAccounts)}>
            Use graph selection ({workbench.selectedAccounts.length})
          </button>
        ) : null}
        {onDone ? (
          <button type="button" className="btn btn-ghost" onClick={onDone}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
