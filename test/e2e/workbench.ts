// Drives the VS Code workbench the way a user does: keyboard, command palette, quick open,
// clicks. The extension's sidebar is a webview: VS Code nests its content two iframes deep,
// so sidebar queries search page.frames() for the frame that holds the test id.
import { chromium, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { join } from 'node:path';

export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep Chromium off the network (this machine refuses it) and quiet in a container. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(profileDir: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1480, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** Height of the shadow Monaco draws over the top of a vertically scrolled editor (.scroll-decoration is 6 px). */
const SHADOW_PX = 8;

export async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export class Workbench {
  constructor(
    readonly page: Page,
    readonly artifacts: string,
  ) {}

  async open(url: string, workspace: string): Promise<void> {
    await this.page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // The explorer listing the fixtures means the workspace (and the extension host) is up.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  }

  async screenshot(name: string): Promise<string> {
    const path = join(this.artifacts, `${name}.png`);
    // Park the pointer on the empty part of the activity bar so no hover or tooltip covers the shot.
    await this.page.mouse.move(24, 600);
    await this.page.waitForTimeout(300);
    await this.page.screenshot({ path });
    return path;
  }

  /** A screenshot of the side bar alone, for the README's feature pictures. */
  async screenshotSidebar(name: string): Promise<string> {
    const path = join(this.artifacts, `${name}.png`);
    await this.page.mouse.move(24, 600);
    await this.page.locator('#workbench\\.parts\\.sidebar').screenshot({ path });
    return path;
  }

  /** Runs a command by its palette title, as a user would type it. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
  }

  /**
   * Answers the open quick input (an input box or a pick list) with text and Enter, once the
   * step asking `expect` (its title, prompt or placeholder) is on screen: a multi-step flow
   * reuses one widget, so typing before the next step appears would answer the previous one.
   * `message`: the validation message the box must show for the text before Enter is pressed.
   */
  async answerQuickInput(expect: RegExp, text: string, message?: RegExp): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    const input = widget.locator('input').first();
    await until(
      `the quick input asking ${expect}`,
      async () => {
        if (!(await input.isVisible())) return false;
        const shown = `${await widget.innerText()} ${(await input.getAttribute('placeholder')) ?? ''} ${(await input.getAttribute('aria-label')) ?? ''}`;
        return expect.test(shown);
      },
      15_000,
    );
    await input.fill(text);
    if (message) {
      const shown = widget.locator('.quick-input-message');
      await until(`the box to say ${message}`, async () => message.test(await shown.innerText()), 10_000);
    }
    if ((await widget.locator('.quick-input-list .monaco-list-row').count()) > 0) {
      // A pick list: wait for the filter to narrow it before accepting the first row.
      await widget
        .locator('.quick-input-list .monaco-list-row', { hasText: text })
        .first()
        .waitFor({ state: 'visible' });
    }
    await this.page.keyboard.press('Enter');
  }

  /** Moves the cursor to a 1-based line and column (Go to Line), the editor focused. */
  async goTo(line: number, column: number): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
  }

  /** The text of the editor hovers on screen ('' when none is). */
  async hoverText(): Promise<string> {
    const hovers = await this.page.locator('.monaco-hover').allInnerTexts();
    return hovers.join('\n');
  }

  /** Text of the notification toasts on screen. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-toast').allInnerTexts();
  }

  async quickInputRows(): Promise<string[]> {
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.first().waitFor({ state: 'visible' });
    return rows.allInnerTexts();
  }

  /** Opens a workspace file through Quick Open and waits for its editor to have focus. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    // Until the filter applies, the list shows recent files with the current one selected:
    // accept only once the first row is the file asked for.
    const first = this.page.locator('.quick-input-list .monaco-list-row').first();
    await until(`quick open to offer ${name} first`, async () => (await first.innerText()).includes(name), 15_000);
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).waitFor({ timeout: 15_000 });
    await this.editor().waitFor({ state: 'visible' });
  }

  /**
   * Clicks into the active editor's text, as a user about to read or edit it does. VS Code asks
   * for CodeLenses on a timer that it starts when the editor text gains focus and cancels when
   * the text loses it (codelensController: onDidFocusEditorText / onDidBlurEditorText), so an
   * editor opened and then left for the sidebar may never ask. The click lands on a text line,
   * never on a lens (that would run the lens's command).
   */
  async focusEditor(): Promise<void> {
    const editor = this.editor();
    // Monaco reuses line elements, so the first in the DOM may be a line scrolled half under the
    // tab bar, and a scrolled editor lays a shadow (.scroll-decoration) over its top pixels; either
    // takes the click. So: the topmost line wholly inside the editor and clear of the shadow,
    // clicked at its middle height.
    const lines = editor.locator('.view-lines .view-line');
    const area = await editor.boundingBox();
    let target = lines.first();
    let height = 0;
    let top = Infinity;
    for (let i = 0; i < (await lines.count()); i++) {
      const box = await lines.nth(i).boundingBox();
      if (!box || !area || box.y < area.y + SHADOW_PX || box.y + box.height > area.y + area.height || box.y >= top)
        continue;
      top = box.y;
      height = box.height;
      target = lines.nth(i);
    }
    await target.click({ position: { x: 2, y: Math.max(1, Math.floor(height / 2)) } });
    await until(
      'the editor text to have focus',
      async () => /\bfocused\b/.test((await editor.getAttribute('class')) ?? ''),
      5_000,
    );
  }

  /** The CodeLenses of the active editor once `pick` finds what it wants in them; focuses the editor text first (see focusEditor). */
  async codeLensesWhen<T>(
    what: string,
    pick: (lenses: string[]) => T | null | undefined | false,
    timeoutMs = 30_000,
  ): Promise<T> {
    await this.focusEditor();
    return until(what, async () => pick(await this.codeLenses()), timeoutMs);
  }

  /**
   * Answers VS Code's save dialog. In a browser that is the "simple file dialog": a quick input
   * titled `title` that holds a path, prefilled with the suggested file, which it returns.
   * A quick pick before it may share its title, so the dialog is recognised by its path.
   * `timeoutMs` is how long the command may take to get to its dialog.
   * Typing replaces the whole path; the dialog completes names as it goes, so Enter is pressed
   * only once the input holds exactly the path typed.
   */
  async answerSaveDialog(title: RegExp, path: string, timeoutMs = 15_000): Promise<string> {
    const widget = this.page.locator('.quick-input-widget');
    const input = widget.locator('.quick-input-box input').first();
    const suggested = await until(
      `the save dialog ${title}`,
      async () => {
        if (!(await input.isVisible()) || !title.test(await widget.locator('.quick-input-title').innerText()))
          return null;
        const value = await input.inputValue();
        // First the folder ("/…/"), then the suggested file in it.
        return value.startsWith('/') && !value.endsWith('/') ? value : null;
      },
      timeoutMs,
    );
    await input.fill(path);
    await until('the save dialog to hold the typed path', async () => (await input.inputValue()) === path, 5_000);
    await this.page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: 15_000 });
    return suggested;
  }

  editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Replaces every occurrence of `find` in the active editor with `replacement` (Find/Replace widget). */
  async replaceInEditor(find: string, replacement: string): Promise<void> {
    await this.editor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+H');
    const findInput = this.page
      .locator('.editor-widget.find-widget .find-part textarea, .editor-widget.find-widget .find-part input')
      .first();
    await findInput.waitFor({ state: 'visible' });
    await findInput.fill(find);
    const replaceInput = this.page
      .locator('.editor-widget.find-widget .replace-part textarea, .editor-widget.find-widget .replace-part input')
      .first();
    await replaceInput.fill(replacement);
    // The widget searches after a pause and keeps Replace All disabled until it has matches; a click
    // before that does nothing (a CI run left the edit undone that way).
    const replaceAll = this.page
      .locator('.editor-widget.find-widget .replace-part [aria-label^="Replace All"]')
      .first();
    await until(
      `Replace All enabled for "${find}"`,
      async () => !/\bdisabled\b/.test((await replaceAll.getAttribute('class')) ?? 'disabled'),
      10_000,
    );
    await replaceAll.click();
    if (!replacement.includes(find))
      await until(`"${find}" replaced in the editor`, async () => !(await this.editorText()).includes(find), 10_000);
    await this.page.keyboard.press('Escape');
  }

  /** Text of the editor's visible lines (Monaco renders only those). */
  async editorText(): Promise<string> {
    return (await this.editor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  async codeLenses(): Promise<string[]> {
    const lenses = this.editor().locator('.contentWidgets .codelens-decoration');
    return (await lenses.allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').trim()).filter((t) => t.length > 0);
  }

  /** The frame (nested inside the webview's iframes) whose document has `selector`. */
  async frameWith(selector: string, timeoutMs = 30_000): Promise<Frame> {
    return until(
      `a webview frame with ${selector}`,
      async () => {
        for (const frame of this.page.frames()) {
          if (frame === this.page.mainFrame() || frame.isDetached()) continue;
          if ((await frame.locator(selector).count()) > 0) return frame;
        }
        return null;
      },
      timeoutMs,
    );
  }

  /** Locator for a `data-testid` inside the extension's sidebar webview. */
  async sidebar(testId: string, timeoutMs = 30_000): Promise<Locator> {
    const selector = `[data-testid="${testId}"]`;
    const frame = await this.frameWith(selector, timeoutMs);
    return frame.locator(selector).first();
  }

  /**
   * Waits until the webview holding `testId` has the keyboard focus. Focusing a webview is a
   * handshake: VS Code focuses its outer iframe at once and tells the page inside to take the
   * focus, which it does some 50–100 ms later. A quick input opened in between (the next
   * command) loses the focus to the webview then and closes under the test's typing.
   */
  async waitForWebviewFocus(testId: string): Promise<void> {
    const frame = await this.frameWith(`[data-testid="${testId}"]`);
    await until(
      `the webview with ${testId} to take the focus`,
      async () => frame.evaluate(() => document.hasFocus()),
      10_000,
    );
  }

  /** Whether a sidebar element is on screen now (no waiting). */
  async sidebarVisible(testId: string): Promise<boolean> {
    for (const frame of this.page.frames()) {
      if (frame === this.page.mainFrame() || frame.isDetached()) continue;
      const el = frame.locator(`[data-testid="${testId}"]`).first();
      if ((await el.count()) > 0 && (await el.isVisible())) return true;
    }
    return false;
  }

  /** Drags the sash between the side bar and the editor so the side bar is `width` pixels wide. */
  async setSidebarWidth(width: number): Promise<void> {
    const bar = await this.page.locator('#workbench\\.parts\\.sidebar').boundingBox();
    if (!bar) return;
    const edge = bar.x + bar.width;
    await this.page.mouse.move(edge, bar.y + bar.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(bar.x + width, bar.y + bar.height / 2, { steps: 8 });
    await this.page.mouse.up();
  }

  /** Waits until a sidebar element's text satisfies `ok`, and returns that text. */
  async sidebarText(
    testId: string,
    ok: (text: string) => boolean = (t) => t.trim().length > 0,
    timeoutMs = 30_000,
  ): Promise<string> {
    return until(
      `sidebar [${testId}] to show the expected text`,
      async () => {
        const selector = `[data-testid="${testId}"]`;
        for (const frame of this.page.frames()) {
          if (frame === this.page.mainFrame() || frame.isDetached()) continue;
          const el = frame.locator(selector).first();
          if ((await el.count()) === 0 || !(await el.isVisible())) continue;
          const text = (await el.innerText()).trim();
          if (ok(text)) return text;
        }
        return null;
      },
      timeoutMs,
    );
  }
}
