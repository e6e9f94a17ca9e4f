/**
 * `demo.load`: writes the synthetic extract into `<workspace>/extracts/demo` and loads it through
 * the sync engine, exactly as a real extract would arrive (so the first launch also exercises
 * provenance, quarantine and run history). Cancelling stops generation or rolls back the file
 * being loaded; files already loaded stay, as with any sync.
 */
import path from 'node:path';
import type { DemoLoadResult } from '../../shared/contract/types.js';
import type { JobHandlers } from '../service/context.js';
import { actorName } from '../workspace/settings.js';
import { syncLocation } from '../sync/engine.js';
import { generateDemo } from './generate.js';
import { installStarterRules } from '../rules/store.js';

export const demoJobHandlers = {
  'demo.load': async (req, ctx): Promise<DemoLoadResult> => {
    const folder = path.join(ctx.workspace.extractsDir, 'demo');
    let summary: Awaited<ReturnType<typeof generateDemo>>;
    try {
      summary = await generateDemo({
        outDir: folder,
        seed: req.seed,
        accounts: req.accounts,
        onProgress: (p) => ctx.progress({ unit: 'accounts', done: p.done, total: p.total, message: `Generating ${p.phase}` }),
        isCancelled: () => ctx.isCancelled(),
      });
    } catch (err) {
      // The generator stops with a plain Error when cancelled (it deletes its partial files);
      // report it as the contract's CANCELLED, not as an internal failure.
      ctx.throwIfCancelled();
      throw err;
    }
    ctx.throwIfCancelled();
    await syncLocation(ctx, folder, { actor: actorName(ctx.db), name: 'Demo extract' });
    // The demo comes with the starter detection rules, ready to backtest in the Rules lab.
    if (installStarterRules(ctx.db, ctx.workspace, actorName(ctx.db)).length > 0) ctx.changed('rules', 'audit_log');
    return { accounts: req.accounts, events: summary.files['events.csv'] ?? 0, folder };
  },
} satisfies Partial<JobHandlers>;
