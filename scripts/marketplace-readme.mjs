// The README the marketplace page shows: the repository's README without its Development
// section (building and testing the extension, which docs/development.md covers). `npm run
// package` writes it to a temporary file and packs it with vsce's --readme-path.

/** README.md's text without the `## Development` section (up to the next `## ` heading). */
export function marketplaceReadme(readme) {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => /^## Development\s*$/.test(l));
  if (start < 0) throw new Error('README.md has no "## Development" section to leave out of the marketplace page');
  const next = lines.findIndex((l, i) => i > start && /^## /.test(l));
  const end = next < 0 ? lines.length : next;
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
}
