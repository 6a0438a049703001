import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint rule that keeps the rings apart must really fire: lint snippets as if they lived in each ring. */
async function ringErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import rings (renderer → shared ← main)', () => {
  it('fails renderer code that reaches into main/ or Node', async () => {
    expect(await ringErrors('renderer/src/x.ts', "import { createCore } from '../../main/core.js';\nexport const c = createCore;\n")).toHaveLength(1);
    expect(await ringErrors('renderer/src/x.ts', "import fs from 'node:fs';\nexport const f = fs;\n")).toHaveLength(1);
    expect(await ringErrors('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n")).toHaveLength(1);
    expect(await ringErrors('renderer/src/x.ts', "import { channels } from '../../shared/contract/index.js';\nexport const c = channels;\n")).toEqual([]);
  });
  it('fails shared code that imports main/, renderer/ or Node', async () => {
    expect(await ringErrors('shared/x.ts', "import { createCore } from '../main/core.js';\nexport const c = createCore;\n")).toHaveLength(1);
    expect(await ringErrors('shared/x.ts', "import path from 'path';\nexport const p = path;\n")).toHaveLength(1);
    expect(await ringErrors('shared/x.ts', "import { App } from '../renderer/src/App.js';\nexport const a = App;\n")).toHaveLength(1);
  });
  it("fails main code that imports renderer/, and 'electron' outside main/electron/", async () => {
    expect(await ringErrors('main/orders/x.ts', "import { App } from '../../renderer/src/App.js';\nexport const a = App;\n")).toHaveLength(1);
    expect(await ringErrors('main/orders/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await ringErrors('main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });
});
