// The only module that touches @vscode/webview-ui-toolkit (archived upstream): the rest of the
// webview builds controls through these functions, so swapping the toolkit means rewriting
// this file alone.
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeDivider,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

let registered = false;

export function registerToolkit(): void {
  if (registered) return;
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeDivider(),
    vsCodeDropdown(),
    vsCodeOption(),
    vsCodeTextField(),
  );
  registered = true;
}

export interface Choice {
  value: string;
  label: string;
}

/** A labelled dropdown. `onChange` fires with the chosen value. */
export function dropdown(opts: {
  testId: string;
  label: string;
  choices: Choice[];
  value: string;
  onChange: (value: string) => void;
}): HTMLElement {
  const wrap = document.createElement('div');
  wrap.className = 'field';
  const id = `dd-${opts.testId}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = opts.label;
  const el = document.createElement('vscode-dropdown') as HTMLElement & { value: string };
  el.id = id;
  el.dataset.testid = opts.testId;
  el.setAttribute('aria-label', opts.label);
  setDropdownChoices(el, opts.choices, opts.value);
  el.addEventListener('change', () => opts.onChange(el.value));
  wrap.append(label, el);
  return wrap;
}

export function setDropdownChoices(el: HTMLElement, choices: Choice[], value: string): void {
  const same =
    el.children.length === choices.length &&
    choices.every((c, i) => {
      const child = el.children[i] as HTMLElement | undefined;
      return child?.getAttribute('value') === c.value && child.textContent === c.label;
    });
  if (!same) {
    el.replaceChildren(
      ...choices.map((c) => {
        const o = document.createElement('vscode-option');
        o.setAttribute('value', c.value);
        o.dataset.testid = `option-${c.value}`;
        o.textContent = c.label;
        return o;
      }),
    );
  }
  (el as HTMLElement & { value: string }).value = value;
}

/** The dropdown element inside what `dropdown` returned. */
export function dropdownElement(wrap: HTMLElement): HTMLElement | null {
  return wrap.querySelector('vscode-dropdown');
}

/** A labelled text field that reports its value when the user commits it (Enter or blur). */
export function textField(opts: {
  testId: string;
  label: string;
  value: string;
  placeholder?: string;
  onCommit: (value: string) => void;
}): HTMLElement {
  const el = document.createElement('vscode-text-field') as HTMLElement & { value: string };
  el.dataset.testid = opts.testId;
  el.setAttribute('value', opts.value);
  if (opts.placeholder) el.setAttribute('placeholder', opts.placeholder);
  el.textContent = opts.label;
  el.addEventListener('change', () => opts.onCommit(el.value));
  el.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Enter') opts.onCommit(el.value);
  });
  return el;
}

/** Sets a text field's value unless the user is typing in it (`force`: even then, as after a refused value). */
export function setTextField(el: HTMLElement, value: string, force = false): void {
  const field = el as HTMLElement & { value: string };
  if (!force && (document.activeElement === el || el.contains(document.activeElement))) return;
  if (field.value !== value) field.value = value;
}

/** Marks a text field valid or invalid, with the message below it (the echo of an expression, or why it was refused). */
export function setFieldMessage(
  el: HTMLElement,
  message: HTMLElement,
  feedback: { ok: boolean; message: string } | undefined,
): void {
  const invalid = feedback !== undefined && !feedback.ok;
  el.classList.toggle('invalid', invalid);
  if (invalid) el.setAttribute('aria-invalid', 'true');
  else el.removeAttribute('aria-invalid');
  message.textContent = feedback?.message ?? '';
  message.classList.toggle('error', invalid);
}

export function button(opts: { testId: string; label: string; secondary?: boolean; onClick: () => void }): HTMLElement {
  const el = document.createElement('vscode-button');
  el.dataset.testid = opts.testId;
  if (opts.secondary) el.setAttribute('appearance', 'secondary');
  el.textContent = opts.label;
  el.addEventListener('click', opts.onClick);
  return el;
}

export function divider(): HTMLElement {
  return document.createElement('vscode-divider');
}
