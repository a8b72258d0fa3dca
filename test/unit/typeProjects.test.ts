// The type-check projects (tsconfig.json and the files it references) give each layer only the
// globals of the place it runs. A probe file is compiled in memory, as if it sat in the layer's
// folder, with the options of the project that owns that folder: what the host lacks is an error,
// what it has is not. And every source and test file belongs to some project (none goes unchecked).
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '../..');

function parse(configPath: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, configPath), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  });
  assert.ok(parsed, configPath);
  assert.deepEqual(parsed.errors, [], configPath);
  return parsed;
}

/** Projects as `tsc -b` sees them: the solution's references. */
const projects = (): Array<{ config: string; parsed: ts.ParsedCommandLine }> =>
  (parse('tsconfig.json').projectReferences ?? []).map((r) => {
    const config = relative(ROOT, ts.resolveProjectReferencePath(r));
    return { config, parsed: parse(config) };
  });

/** The project that checks `dir` strictly: the first one whose own files include a file of it. */
function owner(dir: string): { config: string; parsed: ts.ParsedCommandLine } {
  const found = projects().find((p) => p.parsed.fileNames.some((f) => dirname(relative(ROOT, f)) === dir));
  assert.ok(found, `no project includes ${dir}`);
  return found;
}

/** Errors of `code` compiled as `dir`/layerProbe.ts with the options (and ambient .d.ts) of the project owning `dir`. */
function probe(dir: string, code: string): string[] {
  const { options, fileNames } = owner(dir).parsed;
  const file = join(ROOT, dir, 'layerProbe.ts');
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) =>
    name === file ? ts.createSourceFile(name, code, lang) : getSourceFile(name, lang, ...rest);
  host.fileExists = ((exists) => (name: string) => name === file || exists(name))(host.fileExists.bind(host));
  const program = ts.createProgram({ rootNames: [...fileNames.filter((f) => f.endsWith('.d.ts')), file], options: { ...options, incremental: false, tsBuildInfoFile: undefined }, host });
  const sf = program.getSourceFile(file);
  assert.ok(sf);
  return program.getSemanticDiagnostics(sf).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

const names = (errors: string[]): string[] =>
  errors.map((e) => /Cannot find name '(\w+)'/.exec(e)?.[1] ?? e).sort();

describe('type-check projects: each layer sees only its host\'s globals', function () {
  this.timeout(60_000); // a compiler program per layer; cold lib parsing on a loaded machine

  it('src/git (Node): Buffer and process type-check, document and window do not', () => {
    assert.deepEqual(names(probe('src/git', 'export const a = [Buffer.from("x"), process.pid, document.title, window];')), ['document', 'window']);
  });

  it('src/webview (browser): document and window type-check, Buffer and process do not', () => {
    assert.deepEqual(names(probe('src/webview', 'export const a = [document.title, window, Buffer.from("x"), process.pid];')), ['Buffer', 'process']);
  });

  it('src/core and src/protocol (pure): neither host\'s globals, only the web-platform ones both have', () => {
    const code = 'export const a = [new TextEncoder(), new TextDecoder().decode(new Uint8Array()), btoa("x"), document, Buffer, process, setTimeout];';
    assert.deepEqual(names(probe('src/core', code)), ['Buffer', 'document', 'process', 'setTimeout']);
    assert.equal(owner('src/protocol').config, owner('src/core').config);
  });

  it('every .ts file under src/ and test/ belongs to a project (the harness\'s vendored dirs excepted)', () => {
    const included = new Set(projects().flatMap((p) => p.parsed.fileNames.map((f) => relative(ROOT, f))));
    const skip = new Set(['test/harness/cs', 'test/harness/tools']);
    const missing: string[] = [];
    const walk = (dir: string): void => {
      if (skip.has(dir)) return;
      for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) walk(rel);
        else if (e.name.endsWith('.ts') && !included.has(rel)) missing.push(rel);
      }
    };
    walk('src');
    walk('test');
    assert.deepEqual(missing, []);
  });
});
