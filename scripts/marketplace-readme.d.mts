/** README.md's text without the `## Development` section (see marketplace-readme.mjs). */
export function marketplaceReadme(readme: string): string;
