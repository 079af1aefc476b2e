// Detection in TS/JS source: parse once, run the interpreter, read its records as ModelSpecs.
// The tree is parsed without parent pointers; the few nodes that need them get them from `Locator`.
import ts from './typescript';
import { SourceFacts } from './facts';
import { ProjectModules } from './modules';
import { parse, parseWhole, scriptKindOf } from './parse';
import type { ProjectFiles } from './project';
import { Interpreter, type CallSite } from './interpreter';
import { CREATION_NAMES, creationAliases, isCreationCandidate, tfjs } from './tfjsSemantics';
import { now } from './clock';
import { beginReading } from './values';
import { Locator } from './locate';
import { alignsWith, skim } from './skim';
import { CallSites } from './callSites';
import { callNamed } from './callee';
import { trainingSamples } from './samples';
import { nameModels, ownerName, specFromRecord } from './specs';
import type { ModelSpec } from './types';

/** Calls that may create a model, in tree order (the order a walk over the tree meets them). */
export function creationCandidates(locator: Locator): ts.CallExpression[] {
  // `import { sequential as seq }`, `const { model: m } = tf`: the alias is named where `sequential` is.
  const aliases = new Set<string>();
  for (const name of CREATION_NAMES) {
    for (const n of locator.named(name)) if (n.parent) creationAliases(n.parent, aliases);
  }
  const found = new Set<ts.CallExpression>();
  for (const name of new Set([...CREATION_NAMES, ...aliases])) {
    for (const n of locator.named(name)) {
      const call = callNamed(n);
      if (call && isCreationCandidate(call, aliases)) found.add(call);
    }
  }
  // Tree order: by start, and an enclosing call (same start, later end) before the calls inside it.
  return [...found].sort((a, b) => a.pos - b.pos || b.end - a.end);
}

export { parseWhole };

/** Models in a source file; `project` holds the files it imports, when they were gathered. */
export function detectInSource(
  text: string,
  fileName: string,
  budgetMs: number,
  project: ProjectFiles | null = null,
): ModelSpec[] {
  return detectInTree(parseForDetection(text, fileName).sf, budgetMs, project);
}

export interface ParsedSource {
  sf: ts.SourceFile;
  /** Whether the tree is of the skimmed text (statements no model needs left out) or of the whole file. */
  skimmed: boolean;
}

/**
 * The file's tree for detection: of the skimmed text (see skim.ts) when the parse of it is clean
 * and its statements are exactly the groups kept, otherwise of the whole text. Positions and lines
 * are the file's either way.
 */
export function parseForDetection(text: string, fileName: string): ParsedSource {
  const kind = scriptKindOf(fileName);
  const skimmed = skim(text, kind !== ts.ScriptKind.TS);
  if (skimmed) {
    const sf = parse(skimmed.text, fileName, kind);
    if (alignsWith(sf, skimmed.kept)) return { sf, skimmed: true };
  }
  return { sf: parseWhole(text, fileName), skimmed: false };
}

/**
 * The parser recovers from a syntax error by skipping or closing what it cannot read, and a layer
 * written there may be lost: say so. (`parseDiagnostics` is what `createSourceFile` found; the
 * public API only reaches it through a Program.)
 */
function syntaxNote(sf: ts.SourceFile): string | null {
  const first = (sf as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
  if (!first) return null;
  const line = sf.getLineAndCharacterOfPosition(first.start).line + 1;
  const message = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  return `syntax error at line ${line} (${message}): detection read what the parser could recover, and layers written near it may be missing`;
}

/** Models in a parsed file: the interpreter run from every call that may create one, for at most `budgetMs`. */
export function detectInTree(sf: ts.SourceFile, budgetMs: number, project: ProjectFiles | null = null): ModelSpec[] {
  const deadline = now() + budgetMs;
  beginReading();
  const locator = new Locator(sf);
  const candidates = creationCandidates(locator);
  if (candidates.length === 0) return [];
  const modules = project && project.files.size > 1 ? new ProjectModules(project, deadline, sf.fileName) : null;
  const calls = new CallSites(sf, project, deadline);
  const interpreter = new Interpreter(sf, deadline, new SourceFacts(locator), tfjs, modules, (fn) => calls.of(fn));
  interpreter.runFile(candidates);
  const created = interpreter.library.created.filter(
    (c) => c.calls !== undefined || interpreter.reached.get(c.record.node) === c.run,
  );
  const names = nameModels(created).map((name, i) => {
    const sites = created[i]?.calls;
    return sites ? `${ownerName(created[i]!.record.node) ?? name} (${callsText(sites, sf.fileName)})` : name;
  });
  const syntax = syntaxNote(sf);
  const warnings = syntax ? [syntax, ...interpreter.warnings] : interpreter.warnings;
  const specs = created.map((c, i) => ({ name: names[i] ?? 'model', ...specFromRecord(c, sf, warnings) }));
  const fits = trainingSamples(locator);
  // A `fit` on the model's own name whose tensor the text fixes is its (said as written,
  // `NUM_EXAMPLES`); then the data tensor the reading saw given to the model's `fit` (built by
  // tfjs ops, passed as an argument); then a fit in the file whose call built it (the reading's
  // calls); otherwise one size for the whole file is every model's.
  const single = new Set(fits.map((f) => f.samples.value)).size === 1 ? fits[0]?.samples : undefined;
  specs.forEach((spec, i) => {
    const samples =
      fits.find((f) => f.on === spec.name || f.on.endsWith(`.${spec.name}`))?.samples ??
      created[i]?.record.samples ??
      created[i]?.calls?.find((c) => c.samples)?.samples ??
      single;
    if (samples) spec.trainingSamples = samples;
  });
  return specs.sort((a, b) => a.range.start - b.range.start);
}

/**
 * "call at train.js:45", "calls at model_test.js:29, 77", "call at agent.js:54 from train.js:252"
 * (a call written in a function whose own call gave its arguments): files shown relative to the
 * model's folder.
 */
function callsText(sites: readonly CallSite[], fileName: string): string {
  const dir = fileName.replace(/\\/g, '/').replace(/[^/]*$/, '');
  const shown = (file: string): string => (file.startsWith(dir) ? file.slice(dir.length) : file);
  const where = (list: readonly CallSite[]): string => {
    const byFile = new Map<string, number[]>();
    for (const s of list) byFile.set(shown(s.file), [...(byFile.get(shown(s.file)) ?? []), s.line]);
    return [...byFile].map(([file, lines]) => `${file}:${lines.join(', ')}`).join('; ');
  };
  const via = [...new Map(sites.flatMap((s) => s.via ?? []).map((s) => [`${s.file}:${s.line}`, s])).values()];
  return `${sites.length > 1 ? 'calls' : 'call'} at ${where(sites)}${via.length > 0 ? ` from ${where(via)}` : ''}`;
}
