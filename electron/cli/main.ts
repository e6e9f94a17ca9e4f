/**
 * The `ringside` command line: the same services as the app, without a window. Each domain
 * adds its commands through a `register*Commands(program)` function; this file is the index.
 * Exit codes: 0 success, 1 a failure the output explains, 2 bad usage.
 */
import { Command, CommanderError } from 'commander';
import { RingsideError } from '../../shared/contract/errors.js';
import { RINGSIDE_VERSION } from '../../shared/version.js';
import { registerCoreCommands } from './core.js';
import { registerSyncCommands } from '../sync/cli.js';
import { registerPacketCommands } from '../packets/cli.js';
import { registerTimelineCommands } from '../timeline/cli.js';
import { registerCasesCommands } from '../cases/cli.js';
import { registerGraphCommands } from '../graph/cli.js';
import { registerQueryCommands } from '../query/cli.js';
import { registerRulesCommands } from '../rules/cli.js';

export function buildProgram(): Command {
  const program = new Command('ringside')
    .description('Ringside: offline investigator workstation for Trust & Safety teams.')
    .version(RINGSIDE_VERSION, '-v, --version')
    .option('-w, --workspace <dir>', 'workspace folder (default: $RINGSIDE_WORKSPACE or the OS app-data folder)')
    .showHelpAfterError()
    .exitOverride();
  registerCoreCommands(program);
  registerSyncCommands(program);
  registerPacketCommands(program);
  registerTimelineCommands(program);
  registerCasesCommands(program);
  registerGraphCommands(program);
  registerQueryCommands(program);
  registerRulesCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const code = err instanceof RingsideError ? `${err.code}: ` : '';
    process.stderr.write(`ringside: ${code}${(err as Error).message}\n`);
    return 1;
  }
}
