/**
 * The layer rules in eslint.config.js must actually fire: lint small made-up files placed (by
 * path) in each layer and expect the violation to be reported — and a legal import to pass.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: root });

async function messages(relativePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, relativePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('shared/ may not import electron/, renderer/, Node built-ins or SQLite', async () => {
    expect(await messages('shared/x.ts', "import { a } from '../electron/db/open.js';\nexport const b = a;\n")).not.toEqual([]);
    expect(await messages('shared/x.ts', "import { a } from '../renderer/src/lib/x.js';\nexport const b = a;\n")).not.toEqual([]);
    expect(await messages('shared/x.ts', "import fs from 'node:fs';\nexport const b = fs;\n")).not.toEqual([]);
    expect(await messages('shared/x.ts', "import D from 'better-sqlite3';\nexport const b = D;\n")).not.toEqual([]);
    expect(await messages('shared/x.ts', "import { z } from 'zod';\nexport const b = z;\n")).toEqual([]);
  });

  it('renderer/ may import shared/ but not electron/, electron or Node', async () => {
    expect(await messages('renderer/src/x.ts', "import { a } from '../../electron/db/open.js';\nexport const b = a;\n")).not.toEqual([]);
    expect(await messages('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const b = ipcRenderer;\n")).not.toEqual([]);
    expect(await messages('renderer/src/x.ts', "import cp from 'child_process';\nexport const b = cp;\n")).not.toEqual([]);
    expect(await messages('renderer/src/x.ts', "import { methods } from '../../shared/contract/methods.js';\nexport const b = methods;\n")).toEqual([]);
  });

  it('only electron/main and electron/preload import the electron module', async () => {
    expect(await messages('electron/sync/x.ts', "import { app } from 'electron';\nexport const b = app;\n")).not.toEqual([]);
    expect(await messages('electron/main/x.main.ts', "import { app } from 'electron';\nexport const b = app;\n")).toEqual([]);
    expect(await messages('electron/db/x.ts', "import { a } from '../../renderer/src/x.js';\nexport const b = a;\n")).not.toEqual([]);
  });
});
