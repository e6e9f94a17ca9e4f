/**
 * The desktop app's own command-line options, read out of Electron's argv (which also carries
 * the Electron binary, the app path and any Chromium switches: everything else is ignored).
 *   --workspace DIR | --workspace=DIR   the workspace folder (else RINGSIDE_WORKSPACE, else userData)
 *   --no-demo                           do not load demo data into an empty workspace
 * Pure, so it is unit-tested without Electron.
 */
export interface DesktopArgs {
  readonly workspace?: string;
  readonly noDemo: boolean;
}

export function parseDesktopArgs(argv: readonly string[]): DesktopArgs {
  let workspace: string | undefined;
  let noDemo = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--workspace') {
      const value = argv[i + 1];
      if (value !== undefined && !value.startsWith('--')) {
        workspace = value;
        i++;
      }
    } else if (arg.startsWith('--workspace=')) {
      const value = arg.slice('--workspace='.length);
      if (value.length > 0) workspace = value;
    } else if (arg === '--no-demo') {
      noDemo = true;
    }
  }
  return workspace === undefined ? { noDemo } : { workspace, noDemo };
}
