// The source tree reads by concern: every folder under src/core and src/app has an entry file,
// index.ts, whose leading comment says what lives there, and which re-exports each module and
// subfolder beside it (so a file added to a folder is named by its entry file too).
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');

function folders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())
    .flatMap((e) => [join(dir, e.name), ...folders(join(dir, e.name))]);
}

/** What an entry file lacks: a leading comment of some substance, a re-export of each sibling. */
function entryFileProblems(names: readonly string[], subfolders: readonly string[], index: string | undefined): string[] {
  if (index === undefined) return ['no index.ts'];
  const problems: string[] = [];
  const comment = /^(?:\/\/[^\n]*\n)+|^\/\*[\s\S]*?\*\//.exec(index)?.[0] ?? '';
  if (comment.replace(/[/*\s]/g, '').length < 40) problems.push('no leading comment saying what lives here');
  const modules = names.filter((n) => n.endsWith('.ts') && !n.endsWith('.d.ts') && n !== 'index.ts').map((n) => n.slice(0, -3));
  for (const m of [...modules, ...subfolders]) {
    if (!new RegExp(`^export\\b[^;]*from '\\./${m}';`, 'm').test(index)) problems.push(`does not re-export ./${m}`);
  }
  return problems;
}

describe('folder entry files', () => {
  const all = ['src/core', 'src/app'].flatMap((d) => folders(join(ROOT, d)));

  it('every folder under src/core and src/app has an index.ts with a leading comment, re-exporting its modules', () => {
    assert.ok(all.length >= 10, `only ${all.length} folders found`);
    const problems = all.flatMap((dir) => {
      const entries = readdirSync(dir, { withFileTypes: true });
      const index = existsSync(join(dir, 'index.ts')) ? readFileSync(join(dir, 'index.ts'), 'utf8') : undefined;
      return entryFileProblems(entries.filter((e) => e.isFile()).map((e) => e.name),
        entries.filter((e) => e.isDirectory()).map((e) => e.name), index)
        .map((p) => `${relative(ROOT, dir)}: ${p}`);
    });
    assert.deepEqual(problems, []);
  });

  it('names what is missing', () => {
    assert.deepEqual(entryFileProblems(['a.ts'], [], undefined), ['no index.ts']);
    assert.deepEqual(entryFileProblems(['a.ts', 'b.ts', 'index.ts'], ['sub'], "export * from './a';\n"), [
      'no leading comment saying what lives here', 'does not re-export ./b', 'does not re-export ./sub',
    ]);
    assert.deepEqual(entryFileProblems(['a.ts', 'g.d.ts', 'index.ts'], [],
      "// core/x — what lives here: the a module and its friends.\nexport { a } from './a';\n"), []);
  });
});
