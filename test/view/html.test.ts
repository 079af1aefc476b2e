import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeNonce, sidebarHtml } from '../../src/view/sidebarHtml';

const input = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://x/dist/webview.js',
  styleUri: 'https://x/media/webview.css',
};

function csp(html: string): Map<string, string[]> {
  const m = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  assert.ok(m, 'the page declares a CSP');
  return new Map(
    (m[1] ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k ?? '', v]),
  );
}

test('the CSP denies by default and allows scripts only with this load’s nonce', () => {
  const html = sidebarHtml({ ...input, nonce: 'abc123' });
  const p = csp(html);
  assert.deepEqual(p.get('default-src'), ["'none'"]);
  assert.deepEqual(p.get('script-src'), ["'nonce-abc123'"]);
  assert.deepEqual(p.get('style-src'), [input.cspSource, "'nonce-abc123'"]);
  assert.match(
    html,
    /<meta property="csp-nonce" content="abc123">/,
    'the toolkit reads the nonce for its one probe <style>',
  );
  for (const [, values] of p) {
    for (const v of values)
      assert.doesNotMatch(v, /unsafe|https?:\/\/(?!file\+)|\*/, `no inline, eval, wildcard or network source: ${v}`);
  }
  assert.doesNotMatch([...p.keys()].join(' '), /connect-src/, 'no fetch/XHR source at all');
});

test('every script tag carries the nonce and the page has no inline script or style', () => {
  const html = sidebarHtml({ ...input, nonce: 'n0nce' });
  const scripts = html.match(/<script[^>]*>/g) ?? [];
  assert.equal(scripts.length, 1);
  assert.match(scripts[0] ?? '', /nonce="n0nce" src="https:\/\/x\/dist\/webview\.js"/);
  assert.doesNotMatch(html, /<style|\sstyle="|\son\w+="/);
});

test('nonces are fresh and unguessable enough', () => {
  const seen = new Set(Array.from({ length: 200 }, makeNonce));
  assert.equal(seen.size, 200);
  for (const n of seen) assert.match(n, /^[A-Za-z0-9]{16,}$/);
});

test('resource URIs are attribute-escaped', () => {
  const html = sidebarHtml({ ...input, scriptUri: 'https://x/a"onload="alert(1)' });
  assert.doesNotMatch(html, /"onload="/);
});
