import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMMAND_IDS } from '../../src/view/commandIds';

interface Manifest {
  contributes: {
    commands: { command: string; category?: string }[];
    menus?: Record<string, { command: string }[]>;
    keybindings?: { command: string }[];
    views: Record<string, { id: string }[]>;
    walkthroughs?: { steps: { description: string; completionEvents?: string[] }[] }[];
  };
}
const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;
const declared = manifest.contributes.commands.map((c) => c.command);
// VS Code registers `<view id>.focus` for each contributed view; links may use it.
const viewCommands = Object.values(manifest.contributes.views)
  .flat()
  .map((v) => `${v.id}.focus`);

test('the host registers exactly the commands package.json contributes, each under the Scaling category', () => {
  assert.deepEqual([...COMMAND_IDS].sort(), [...declared].sort());
  assert.equal(new Set(COMMAND_IDS).size, COMMAND_IDS.length, 'a command id is listed twice');
  for (const c of manifest.contributes.commands) assert.equal(c.category, 'Scaling', c.command);
});

test('menus, keybindings and walkthrough links name only contributed commands', () => {
  const known = new Set<string>([...declared, ...viewCommands]);
  const menuRefs = Object.values(manifest.contributes.menus ?? {})
    .flat()
    .map((m) => m.command);
  const keyRefs = (manifest.contributes.keybindings ?? []).map((k) => k.command);
  const steps = (manifest.contributes.walkthroughs ?? []).flatMap((w) => w.steps);
  const linkRefs = steps.flatMap((s) => [...s.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]!));
  const eventRefs = steps.flatMap((s) =>
    (s.completionEvents ?? []).filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length)),
  );
  assert.ok(menuRefs.length > 0 && linkRefs.length > 0, 'the manifest has menus and walkthrough links to check');
  for (const ref of [...menuRefs, ...keyRefs, ...linkRefs, ...eventRefs])
    assert.ok(known.has(ref), `unknown command ${ref}`);
});
