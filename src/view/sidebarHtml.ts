// The sidebar's HTML: a strict Content Security Policy (scripts and inline styles only with this
// load's nonce, stylesheets and fonts only from the extension's own files, no network).
import { randomBytes } from 'node:crypto';

export interface HtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `asWebviewUri` of dist/webview.js and media/webview.css. */
  scriptUri: string;
  styleUri: string;
  nonce?: string;
}

export function makeNonce(): string {
  return randomBytes(18)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function sidebarHtml(input: HtmlInput): string {
  const nonce = input.nonce ?? makeNonce();
  const csp = [
    "default-src 'none'",
    // The toolkit (FAST) probes :focus-visible support with a <style> element carrying the
    // nonce it reads from the csp-nonce meta tag; nothing else inline is allowed.
    `style-src ${input.cspSource} 'nonce-${nonce}'`,
    `font-src ${input.cspSource}`,
    `img-src ${input.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta property="csp-nonce" content="${nonce}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${attr(input.styleUri)}" rel="stylesheet">
<title>Scaling</title>
</head>
<body>
<main id="app" data-testid="scaling-sidebar"></main>
<script nonce="${nonce}" src="${attr(input.scriptUri)}"></script>
</body>
</html>`;
}
