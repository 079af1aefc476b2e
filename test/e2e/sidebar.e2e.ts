// End-to-end: the packaged .vsix installed into a real VS Code (code-server), driven in
// headless Chromium the way a user drives it. Every assertion is on what is on screen: the
// sidebar webview's text, the editor's CodeLens, the quick input. Run by scripts/e2e/run.sh
// (`npm run test:e2e`), never by the unit runner: it needs Chromium and a code-server install.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { codeServerInstallFromEnv, startCodeServer, type RunningCodeServer } from './codeServer';
import { sidebarView } from './manifest';
import { launchBrowser, until, Workbench } from './workbench';

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = process.env.E2E_ARTIFACTS ?? join(ROOT, 'ci-artifacts');
const FIXTURES = process.env.E2E_FIXTURES ?? join(ROOT, 'test', 'fixtures', 'e2e');

function requiredEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run this through scripts/e2e/run.sh (npm run test:e2e)`);
  return v;
}

/** The number in "P* ≈ 3.6e2 …" (sidebar) or "… · P* ≈ 3.6e2·κ" (CodeLens). */
function pStarOf(text: string): number {
  const m = /P\*\s*≈\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)/.exec(text);
  assert.ok(m?.[1], `no "P* ≈ <number>" in ${JSON.stringify(text)}`);
  return Number(m[1]);
}

const near = (actual: number, expected: number, rel: number): boolean => Math.abs(actual - expected) <= rel * expected;

describe('TFJS Scaling Lens in VS Code (code-server + Chromium)', { timeout: 600_000 }, () => {
  let server: RunningCodeServer | null = null;
  let context: BrowserContext | null = null;
  let wb: Workbench;
  const view = sidebarView(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')));

  /** Brings the sidebar view to the front through the command VS Code generates for it. */
  async function showSidebar(): Promise<void> {
    await wb.runCommand(view.focusCommand);
  }

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startCodeServer({ install: codeServerInstallFromEnv(), vsix: requiredEnv('E2E_VSIX'), fixtures: FIXTURES });
    const browser = await launchBrowser(join(server.scratch, 'chromium-profile'));
    context = browser.context;
    wb = new Workbench(browser.page, ARTIFACTS);
    await wb.open(server.url, server.workspace);
    await wb.setSidebarWidth(520);
  });

  /** A scenario that leaves a screenshot of the failure in ci-artifacts/ before it fails. */
  function scenario(name: string, fn: () => Promise<void>): void {
    test(name, async () => {
      try {
        await fn();
      } catch (err) {
        await wb.screenshot(`FAILED-${name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}`).catch(() => undefined);
        throw err;
      }
    });
  }

  after(async () => {
    await context?.close().catch(() => undefined);
    server?.saveLogs(join(ARTIFACTS, 'logs'));
    await server?.stop();
  });

  scenario('opening a tfjs file shows the model, its winning pattern and P* in the sidebar', async () => {
    await wb.openFile('one-model.js');
    await showSidebar();
    const name = await wb.sidebarText('model-name');
    assert.match(name, /buildRegressor/);
    const winner = await wb.sidebarText('winner-text');
    const pStar = await wb.sidebarText('pstar-text');
    await wb.screenshot('1-one-model');
    // shared/theory §6: d = 64, N1 = 256, N2 = 512, odd activation, no bias, cubic target:
    // lazy first layer, specialised second, E = 2·sqrt(N2·d) ≈ 362 at κ = 1.
    assert.match(winner, /GP\s*→\s*Spec/);
    assert.ok(near(pStarOf(pStar), 362, 0.05), `P* text ${pStar} should be ≈ 3.6e2`);
    const layers = await wb.sidebarText('layers-table');
    assert.match(layers, /256/);
    assert.match(layers, /512/);

    // The charts arrive after the numbers (computed off the editor's thread); the P* chart's
    // table lists the swept widths, and the user's model is one of the points.
    const chart = await wb.sidebar('chart-pstar', 60_000);
    await chart.scrollIntoViewIfNeeded();
    assert.ok(await chart.isVisible(), 'the P* chart should be drawn');
    const box = await chart.boundingBox();
    assert.ok(box && box.width > 100 && box.height > 60, `the P* chart is too small to see: ${JSON.stringify(box)}`);
    await wb.screenshotSidebar('1-charts');
  });

  scenario('editing a width in the editor updates the sidebar and the CodeLens', async () => {
    await wb.openFile('one-model.js');
    await showSidebar();
    const winnerBefore = await wb.sidebarText('winner-text');
    const pStarBefore = pStarOf(await wb.sidebarText('pstar-text'));
    const lensBefore = await until('a CodeLens with P*', async () => (await wb.codeLenses()).find((t) => t.includes('P*')));
    assert.ok(near(pStarOf(lensBefore), pStarBefore, 0.05), `CodeLens ${lensBefore} and sidebar P* ${pStarBefore} disagree`);

    await wb.replaceInEditor('units: 256', 'units: 16');
    assert.match(await wb.editorText(), /units: 16/);

    // §6: with N1 = 16 (N1² < N2·d) the first layer learns too; the tied assignments in which it
    // does (Spec/Mag, GFL/Spec) cost 3·(N1·N2·d)^(1/3) ≈ 242 < 2·sqrt(N2·d) ≈ 362.
    const winnerAfter = await wb.sidebarText('winner-text', (t) => t !== winnerBefore);
    const pStarAfter = pStarOf(await wb.sidebarText('pstar-text', (t) => pStarOf(t) !== pStarBefore));
    assert.ok(near(pStarAfter, 242, 0.05), `P* after the edit should be ≈ 2.4e2, got ${pStarAfter}`);
    assert.doesNotMatch(winnerAfter, /^GP\s*→/, `the first layer should no longer be lazy: ${winnerAfter}`);
    const lensAfter = await until('the CodeLens to follow the edit', async () =>
      (await wb.codeLenses()).find((t) => t.includes('P*') && t !== lensBefore));
    assert.ok(near(pStarOf(lensAfter), pStarAfter, 0.05), `CodeLens ${lensAfter} should show the new P* ${pStarAfter}`);
    const layers = await wb.sidebarText('layers-table', (t) => /\b16\b/.test(t));
    assert.doesNotMatch(layers, /\b256\b/);
    await (await wb.sidebar('model-name')).scrollIntoViewIfNeeded();
    await wb.screenshot('2-after-edit');
  });

  scenario('a file with two models offers both and switches between them', async () => {
    await wb.openFile('two-models.js');
    await showSidebar();
    const picker = await wb.sidebar('model-picker');
    const options = await picker.locator('vscode-option').allInnerTexts();
    assert.equal(options.length, 2, `expected two models, got ${JSON.stringify(options)}`);
    assert.ok(options.some((o) => o.includes('narrow')) && options.some((o) => o.includes('wide')), JSON.stringify(options));
    const lenses = await until('a CodeLens above each model', async () => {
      const l = (await wb.codeLenses()).filter((t) => t.includes('P*'));
      return l.length >= 2 ? l : null;
    });
    assert.equal(lenses.length, 2);

    const firstName = await wb.sidebarText('model-name');
    const firstPStar = await wb.sidebarText('pstar-text');
    const other = firstName.includes('narrow') ? 'wide' : 'narrow';
    await picker.click();
    await picker.locator('vscode-option', { hasText: other }).click();
    assert.match(await wb.sidebarText('model-name', (t) => t.includes(other)), new RegExp(other));
    const otherPStar = await wb.sidebarText('pstar-text', (t) => t !== firstPStar);
    // Both CodeLenses are on screen: the sidebar's number must be one of them, and differ from the first model's.
    assert.ok(lenses.some((l) => near(pStarOf(l), pStarOf(otherPStar), 0.05)), `${otherPStar} not among ${JSON.stringify(lenses)}`);
    await (await wb.sidebar('model-name')).scrollIntoViewIfNeeded();
    await wb.screenshot('3-two-models');
  });

  scenario('a file with no model shows the empty state', async () => {
    await wb.openFile('no-model.js');
    await showSidebar();
    const message = await wb.sidebarText('empty-message');
    assert.match(message, /no tfjs model/i);
    assert.ok(await (await wb.sidebar('enter-architecture')).isVisible());
    assert.equal(await (await wb.frameWith('[data-testid="empty-state"]')).locator('[data-testid="winner-text"]').isVisible(), false);
    await wb.screenshot('4-no-model');
  });

  scenario('"Predict sample complexity" on an architecture typed by hand shows a result', async () => {
    await wb.openFile('no-model.js');
    // No model in the file, so the command goes straight to entering one by hand:
    // the network of one-model.js, typed in instead of read from code.
    await wb.runCommand('Predict sample complexity');
    await wb.answerQuickInput(/What kind of network/i, 'Dense network');
    await wb.answerQuickInput(/Input dimension/i, '64');
    await wb.answerQuickInput(/Hidden widths/i, '256, 512');
    await wb.answerQuickInput(/Activation/i, 'tanh');
    await wb.answerQuickInput(/Biases/i, 'no bias');
    assert.match(await wb.sidebarText('model-origin', (t) => /by hand/i.test(t)), /by hand/i);
    const winner = await wb.sidebarText('winner-text');
    const pStar = pStarOf(await wb.sidebarText('pstar-text'));
    // Same sizes as one-model.js, so the same §6 reference: GP → Spec at 2·sqrt(N2·d) ≈ 362.
    assert.match(winner, /GP\s*→\s*Spec/);
    assert.ok(near(pStar, 362, 0.05), `P* ${pStar} should be ≈ 3.6e2`);
    const toast = await until('a notification with the prediction', async () => (await wb.notifications()).find((t) => t.includes('P*')));
    assert.ok(near(pStarOf(toast), pStar, 0.05), `notification ${toast} should repeat the sidebar's P* ${pStar}`);
    await (await wb.sidebar('model-name')).scrollIntoViewIfNeeded();
    await wb.screenshot('5-manual');
  });

  scenario('the sidebar survives being hidden and shown again, keeping what the user set', async () => {
    await wb.openFile('one-model.js');
    await showSidebar();
    const name = await wb.sidebarText('model-name');
    const pStar = pStarOf(await wb.sidebarText('pstar-text'));
    // The user changes κ in the sidebar: P* ≈ κ·E, so it scales by 4.
    const kappa = (await wb.sidebar('control-kappa')).locator('input');
    await kappa.fill('4');
    await kappa.press('Enter');
    const scaled = await wb.sidebarText('pstar-text', (t) => near(pStarOf(t), 4 * pStar, 0.05));

    await wb.runCommand('View: Show Explorer');
    await wb.page.locator('.explorer-folders-view').waitFor({ state: 'visible' });
    await until('the sidebar webview to be hidden', async () => !(await wb.sidebarVisible('pstar-text')), 10_000);

    await showSidebar();
    assert.equal(await wb.sidebarText('model-name'), name);
    assert.equal(await wb.sidebarText('pstar-text'), scaled);
    assert.equal(await (await wb.sidebar('control-kappa')).locator('input').inputValue(), '4');
    await (await wb.sidebar('model-name')).scrollIntoViewIfNeeded();
    await wb.screenshot('6-hidden-and-shown');
  });
});
