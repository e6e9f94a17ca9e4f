/**
 * First launch: a workspace with no data and no sync history gets the demo extract, so a new
 * user sees a working tool at once. Runs as an ordinary job (progress in the status bar,
 * cancellable). RINGSIDE_NO_DEMO=1 or `--no-demo` turns it off; RINGSIDE_DEMO_ACCOUNTS sizes it.
 */
import type { WorkspaceSummary } from '../../shared/contract/types.js';
import type { DataService } from '../service/dataService.js';

export async function loadDemoIfEmpty(service: DataService, options: { disabled: boolean }): Promise<string | null> {
  if (options.disabled || process.env['RINGSIDE_NO_DEMO'] === '1') return null;
  const summary = await service.read('workspace.summary', {});
  if (!summary.ok || !(summary.value as WorkspaceSummary).empty) return null;
  const accounts = Number(process.env['RINGSIDE_DEMO_ACCOUNTS'] ?? 5000);
  const job = service.startJob('demo.load', { seed: 1, accounts: Number.isFinite(accounts) ? accounts : 5000 }, 'Loading demo data');
  return job.id;
}
