// No import cycles in src: every src/**/*.ts is parsed with the TypeScript compiler API, its relative
// imports resolved to files (value and type-only imports, re-exports, import() and import('…') types
// alike), and a depth-first walk fails naming the cycle, file by file. A cycle means two modules
// cannot be read (or loaded) one before the other: move the shared types into their own module, or
// the code where it belongs.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The relative module specifiers of one file, whatever the kind of import. */
function relativeImports(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    let spec: ts.Expression | undefined;
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier) spec = n.moduleSpecifier;
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) spec = n.moduleReference.expression;
    else if (ts.isCallExpression(n) && (n.expression.kind === ts.SyntaxKind.ImportKeyword
      || (ts.isIdentifier(n.expression) && n.expression.text === 'require'))) spec = n.arguments[0];
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) spec = n.argument.literal;
    if (spec && ts.isStringLiteralLike(spec) && spec.text.startsWith('.')) found.push(spec.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** `spec` imported from `from` → the file it names, as the bundler resolves it; undefined if none. */
function resolveImport(from: string, spec: string, exists: (p: string) => boolean): string | undefined {
  const base = resolve(dirname(from), spec);
  return [base, `${base}.ts`, join(base, 'index.ts')].find(exists);
}

type Graph = Map<string, string[]>;

/** file → the files it imports; `unresolved` collects imports that name no file. */
function importGraph(files: Map<string, string>, exists: (p: string) => boolean, unresolved: string[] = []): Graph {
  const graph: Graph = new Map();
  for (const [file, text] of files) {
    graph.set(file, relativeImports(file, text).flatMap((spec) => {
      const target = resolveImport(file, spec, exists);
      if (target === undefined) unresolved.push(`${file}: '${spec}'`);
      return target === undefined ? [] : [target];
    }));
  }
  return graph;
}

/** Every cycle a depth-first walk meets (one per back edge), each as a path that ends where it starts. */
function findCycles(graph: Graph): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const cycles: string[][] = [];
  const walk = (file: string): void => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      const s = state.get(next);
      if (s === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (s === undefined) walk(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) walk(file);
  return cycles;
}

const isFile = (p: string): boolean => existsSync(p) && statSync(p).isFile();

describe('import cycles', () => {
  const files = new Map(sourceFiles(join(ROOT, 'src')).map((f) => [f, readFileSync(f, 'utf8')]));

  it('src has none (value and type-only imports alike)', () => {
    const cycles = findCycles(importGraph(files, isFile)).map((c) => c.map((f) => relative(ROOT, f)).join(' → '));
    assert.deepEqual(cycles, [], `import cycles in src:\n  ${cycles.join('\n  ')}`);
  });

  it('every relative import in src names a file (no edge goes unseen)', () => {
    const unresolved: string[] = [];
    importGraph(files, isFile, unresolved);
    assert.ok(files.size > 100, `only ${files.size} files found under src`);
    assert.deepEqual(unresolved, []);
  });

  it('finds a cycle made of a type-only import, a re-export and import(), and names it', () => {
    const virtual = new Map([
      ['/v/a.ts', "import type { B } from './b';\nexport interface A { b: B }\n"],
      ['/v/b.ts', "export { c } from './sub';\nexport interface B { n: number }\n"],
      ['/v/sub/index.ts', "export const c = () => import('../a');\n"],
      ['/v/leaf.ts', "import { c } from './sub';\nexport const d = c;\n"],
    ]);
    const cycles = findCycles(importGraph(virtual, (p) => virtual.has(p)));
    assert.deepEqual(cycles, [['/v/a.ts', '/v/b.ts', '/v/sub/index.ts', '/v/a.ts']]);
  });

  it('counts `import x = require()` and `import("…")` types too', () => {
    const virtual = new Map([
      ['/v/a.ts', "import b = require('./b');\nexport const a = b;\n"],
      ['/v/b.ts', "export type A = import('./a').A;\n"],
    ]);
    assert.deepEqual(findCycles(importGraph(virtual, (p) => virtual.has(p))), [['/v/a.ts', '/v/b.ts', '/v/a.ts']]);
  });
});
