// Integration: the extension inside a real VS Code (run by test/integration/run.mjs, never by
// the unit runner). Everything is checked through VS Code's own APIs, as another extension
// or the user would see it.
import assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';

const EXTENSION_ID = 'tfjs-scaling.tfjs-scaling';

function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration workspace is open');
  return vscode.Uri.joinPath(folder.uri, 'src', name);
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function lenses(uri: vscode.Uri): Promise<string[]> {
  const found =
    (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
  return found.map((l) => l.command?.title ?? '').filter((t) => t.includes('P*'));
}

suite('TFJS Scaling Lens', () => {
  suiteSetup(async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixture('regressor.ts')));
    await until('activation', async () => vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  test('every command package.json declares is registered, under the Scaling category, and no other', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { commands: { command: string; category?: string }[]; views: Record<string, { id: string }[]> };
    };
    const declared = manifest.contributes.commands;
    assert.ok(declared.length > 0);
    for (const c of declared) assert.equal(c.category, 'Scaling', c.command);
    // VS Code adds commands of its own for each contributed view (`<view id>.focus` and the like).
    const views = Object.values(manifest.contributes.views)
      .flat()
      .map((v) => `${v.id}.`);
    const registered = (await vscode.commands.getCommands(true)).filter(
      (c) => c.startsWith('tfjsScaling.') && !views.some((v) => c.startsWith(v)),
    );
    assert.deepEqual([...registered].sort(), declared.map((c) => c.command).sort());
  });

  test('a CodeLens above the model names the winning pattern and P* (theory §6: GP → Spec, 2·sqrt(512·64) ≈ 362)', async () => {
    const titles = await until('a CodeLens with P*', async () => {
      const t = await lenses(fixture('regressor.ts'));
      return t.length > 0 ? t : null;
    });
    assert.equal(titles.length, 1);
    // The default lens (codeLens.template): the count to two significant figures, κ = 1.
    assert.match(titles[0] ?? '', /^GP → Spec · P\* ≈ 360 samples$/);
  });

  test('hovering a hidden layer tells how P* moves when its width is halved or doubled', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('regressor.ts'));
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('units: 512'));
    const hovers = await until('a hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        doc.uri,
        new vscode.Position(line, 30),
      );
      return h?.length ? h : null;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /N2 = 512/);
    // E = 2·sqrt(N2·d): halving N2 divides P* by sqrt 2, doubling multiplies it by sqrt 2.
    assert.match(text, /halved \(N2 = 256\): P\* ≈ 260·κ \(×0\.7071\)/);
    assert.match(text, /doubled \(N2 = 1024\): P\* ≈ 510·κ \(×1\.414\)/);
  });

  test('Copy prediction as Markdown puts the sidebar’s model on the clipboard', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixture('regressor.ts')));
    await vscode.env.clipboard.writeText('');
    await until('a copied prediction', async () => {
      await vscode.commands.executeCommand('tfjsScaling.copyMarkdown');
      return (await vscode.env.clipboard.readText()).includes('buildRegressor');
    });
    const md = await vscode.env.clipboard.readText();
    assert.match(md, /Winning pattern:\*\* GP → Spec/);
    assert.match(md, /P\\\* ∝ N2\^1\/2 · d\^1\/2/);
  });

  test('diagnostics are off by default and, when enabled, flag the lazy regime as information', async () => {
    const uri = fixture('wide.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await until('the wide model analysed', async () => (await lenses(uri)).length > 0);
    assert.deepEqual(
      vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'tfjs-scaling'),
      [],
    );
    const config = vscode.workspace.getConfiguration('tfjsScaling');
    await config.update('diagnostics.enabled', true, vscode.ConfigurationTarget.Workspace);
    try {
      const notes = await until('a lazy-regime note', async () => {
        const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'tfjs-scaling');
        return d.length > 0 ? d : null;
      });
      assert.equal(notes[0]?.severity, vscode.DiagnosticSeverity.Information);
      assert.match(notes[0]?.message ?? '', /lazy \(GP\) regime/);
    } finally {
      await config.update('diagnostics.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a file without a model gets no CodeLens and the commands still answer', async () => {
    const uri = fixture('plain.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.deepEqual(await lenses(uri), []);
    await vscode.commands.executeCommand('tfjsScaling.showLog');
  });
});
