// `npm run package`: builds the production bundles (vsce runs `vscode:prepublish`), packs the
// .vsix with vsce, and refuses the result when vsce warned or when the archive holds anything
// a user should not download (sources, maps, tests, fixtures, node_modules) or lacks what the
// extension needs to start. Prints the path and size; the e2e test installs that file.
// The marketplace page's README is README.md without its Development section (see
// scripts/marketplace-readme.mjs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { marketplaceReadme } from '../marketplace-readme.mjs';

// What a user downloads. 2 MiB held until the detector learned tensor shapes and classes of other
// files (2,049 KiB); most of the archive is TypeScript's compiler (analysisCore.js) and all of
// TensorFlow.js in the check's worker, of which the check uses core ops only (docs/development.md).
const SIZE_LIMIT_BYTES = 2.25 * 1024 * 1024;

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const vsix = resolve(`${pkg.name}-${pkg.version}.vsix`);
rmSync(vsix, { force: true });

// vsce takes --readme-path relative to the project, among the files it collects: out/ is
// gitignored, and the build (vsce runs it) does not clear it as it clears dist/.
const readme = 'out/marketplace/README.md';
mkdirSync(dirname(readme), { recursive: true });
writeFileSync(readme, marketplaceReadme(readFileSync('README.md', 'utf8')));
const vsce = spawnSync(
  'npx',
  ['--no-install', 'vsce', 'package', '--no-dependencies', '--readme-path', readme, '--out', vsix],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
);
const output = `${vsce.stdout}${vsce.stderr}`;
process.stdout.write(output);
const problems = [];
if (vsce.status !== 0) problems.push(`vsce exited with ${vsce.status}`);
for (const line of output.split('\n')) {
  if (/\bWARNING\b/i.test(line)) problems.push(`vsce warned: ${line.trim()}`);
}

let entries = [];
if (vsce.status === 0) {
  const unzip = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
  if (unzip.status !== 0) problems.push(`cannot list ${vsix}: ${unzip.stderr || unzip.error}`);
  entries = unzip.stdout.split('\n').filter(Boolean);
}

const forbidden = [
  [/\.map$/, 'a source map'],
  [/(^|\/)node_modules\//, 'node_modules'],
  [/^extension\/(src|test|scripts|bench|examples|webview|\.ci|\.scratch)\//, 'sources, tests or scripts'],
  [/fixtures?\//, 'test fixtures'],
  [/\.tsx?$/, 'TypeScript sources'],
  [/^extension\/(tsconfig\.json|package-lock\.json|\.vscodeignore|\.gitignore)$/, 'a development file'],
  [/^extension\/media\/screenshot-/, 'a README screenshot (the marketplace loads those from the repository)'],
  [/\.vsix$/, 'another .vsix'],
];
for (const entry of entries) {
  for (const [pattern, what] of forbidden) {
    if (pattern.test(entry)) problems.push(`${entry} is ${what}; exclude it in .vscodeignore`);
  }
}
const main = `extension/${String(pkg.main).replace(/^\.\//, '')}`;
for (const required of [
  main,
  'extension/package.json',
  'extension/media/icon.png',
  'extension/LICENSE.txt',
  'extension/readme.md',
  'extension/changelog.md',
  // Every page the walkthrough shows, and the example it opens.
  ...(pkg.contributes.walkthroughs ?? []).flatMap((w) =>
    w.steps.flatMap((s) => Object.values(s.media ?? {}).filter((v) => typeof v === 'string')),
  ),
  'extension/media/walkthrough/example.js',
].map((path) => (path.startsWith('extension/') ? path : `extension/${path}`))) {
  if (entries.length > 0 && !entries.includes(required)) problems.push(`${required} is missing from the .vsix`);
}

// The marketplace page: the README without the Development section.
if (entries.includes('extension/readme.md')) {
  const packed = spawnSync('unzip', ['-p', vsix, 'extension/readme.md'], { encoding: 'utf8' }).stdout;
  if (/^## Development/m.test(packed)) problems.push('the packed readme.md has the Development section');
  if (!/^## Features/m.test(packed)) problems.push('the packed readme.md lost the Features section');
}

// Bundles load siblings at run time (`join(__dirname, 'core.js')`): any dist/ file a shipped
// bundle names must ship too, or the extension installs fine and fails on first use.
const shipped = new Set(entries);
for (const entry of entries.filter((e) => /^extension\/dist\/[^/]+\.js$/.test(e))) {
  const text = readFileSync(entry.replace(/^extension\//, ''), 'utf8');
  for (const sibling of readdirSync('dist').filter((f) => f.endsWith('.js'))) {
    const named = ['"', "'", '`'].some((q) => text.includes(`${q}${sibling}${q}`) || text.includes(`/${sibling}${q}`));
    if (named && !shipped.has(`extension/dist/${sibling}`)) {
      problems.push(
        `${entry} loads dist/${sibling}, which is not in the .vsix; let it back in with "!dist/${sibling}" in .vscodeignore`,
      );
    }
  }
}

if (vsce.status === 0) {
  const size = statSync(vsix).size;
  console.log(`vsix: ${vsix}`);
  console.log(
    `vsix size: ${(size / 1024).toFixed(0)} KiB (${entries.length} files; limit ${SIZE_LIMIT_BYTES / 1024} KiB)`,
  );
  if (size > SIZE_LIMIT_BYTES) problems.push(`the .vsix is ${size} bytes, over the ${SIZE_LIMIT_BYTES} byte budget`);
}

if (problems.length > 0) {
  console.error(`\npackage check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
