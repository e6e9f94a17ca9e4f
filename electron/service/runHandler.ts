/**
 * Runs one handler with its context and turns whatever happens into an Outcome. Shared by the
 * workers and by LocalService (tests, CLI), so both behave identically, including the slow-call
 * log (Signal's 40 ms rule: a read that slow on a local cache is worth knowing about).
 */
import { toApiError, type Outcome } from '../../shared/contract/errors.js';

export const SLOW_CALL_MS = 40;

export async function runHandler(
  method: string,
  invoke: () => unknown,
  options: { isJob?: boolean; log?: (line: string) => void } = {},
): Promise<Outcome<unknown>> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = performance.now();
  try {
    const value = await invoke();
    return { ok: true, value };
  } catch (err) {
    const error = toApiError(err);
    if (error.code === 'INTERNAL') log(`[ringside] ${method} failed: ${(err as Error)?.stack ?? String(err)}`);
    return { ok: false, error };
  } finally {
    const elapsed = performance.now() - started;
    // Jobs are long by nature and report their own progress; the slow log is for calls.
    if (!options.isJob && elapsed > SLOW_CALL_MS && process.env['RINGSIDE_LOG_SLOW'] !== '0') {
      log(`[ringside] slow call ${method}: ${elapsed.toFixed(0)} ms`);
    }
  }
}
