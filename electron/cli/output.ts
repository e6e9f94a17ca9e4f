/** Small helpers every CLI command uses to report outcomes the same way. */
import type { Command } from 'commander';
import type { Outcome } from '../../shared/contract/errors.js';
import { resolveWorkspaceDir } from '../workspace/workspace.js';
import { LocalService } from '../service/localService.js';

/** The workspace chosen by the global --workspace flag (or env / OS default). */
export function workspaceOf(command: Command): string {
  const opts = command.optsWithGlobals<{ workspace?: string }>();
  return resolveWorkspaceDir(opts.workspace);
}

/** Opens the workspace in-process; Ctrl+C cancels the running job instead of killing mid-write. */
export function openLocal(command: Command): LocalService {
  const service = new LocalService(workspaceOf(command));
  process.once('SIGINT', () => {
    process.stderr.write('\nCancelling...\n');
    service.cancel();
  });
  return service;
}

/** Runs `work` on the workspace opened in-process, and closes it however `work` ends. */
export async function withLocal(command: Command, work: (service: LocalService) => Promise<void>): Promise<void> {
  const service = openLocal(command);
  try {
    await work(service);
  } finally {
    service.close();
  }
}

/** Prints `value` as JSON, or as the command's text. */
export function printResult<T>(json: boolean | undefined, value: T, text: (value: T) => string | void): void {
  if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else {
    const out = text(value);
    if (typeof out === 'string') process.stdout.write(out);
  }
}

/** Prints an error outcome to stderr and returns its value otherwise. */
export function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) {
    const error = new Error(`${outcome.error.code}: ${outcome.error.message}`);
    throw error;
  }
  return outcome.value;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A one-line progress indicator for terminals (silent when stderr is not a TTY). */
export function progressLine(label: string): (done: number, total: number | null, message: string) => void {
  return (done, total, message) => {
    if (!process.stderr.isTTY) return;
    const pct = total ? ` ${Math.floor((done / total) * 100)}%` : '';
    process.stderr.write(`\r${label}${pct} ${done.toLocaleString('en-US')}${total ? `/${total.toLocaleString('en-US')}` : ''} ${message}`.padEnd(100).slice(0, 100));
  };
}
