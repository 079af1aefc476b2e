// The marketplace page's README: the repository's README without its Development section.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { marketplaceReadme } from '../../scripts/marketplace-readme.mjs';

test('the repository README loses only its Development section on the marketplace page', () => {
  const readme = readFileSync('README.md', 'utf8');
  const page = marketplaceReadme(readme);
  assert.doesNotMatch(page, /^## Development/m);
  assert.doesNotMatch(page, /npm ci && npm run example/);
  // Every other section stays, in order.
  const sections = (text: string) => text.split('\n').filter((l) => l.startsWith('## '));
  assert.deepEqual(
    sections(page),
    sections(readme).filter((s) => s !== '## Development'),
  );
  assert.match(page, /^## Features/m);
  assert.match(page, /^## License/m);
});

test('a README without a Development section is an error, not a silent copy', () => {
  assert.throws(() => marketplaceReadme('# X\n\n## Features\n'), /no "## Development" section/);
  assert.equal(marketplaceReadme('# X\n## Development\nnpm test\n'), '# X');
});
