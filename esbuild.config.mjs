// Builds the bundles: the CLI (node), the VS Code extension host bundle (node, `vscode` external)
// and the provenance panel's browser bundle.
//   node esbuild.config.mjs [--production] [--watch] [--quiet]
//
// The CLI is split: dist/cli.js only dispatches; each command is its own bundle (dist/cli-<name>.js)
// and simple-git another (dist/vendor-simple-git.js), which the extension loads too. Hooks and agent
// adapters start the CLI on every commit or edit: a process compiles only the code it runs, and the
// hook-path commands (HOOK_PATH), and `audit` (SPAWN_BACKEND), are built with the git runner's spawn
// backend only, so they neither contain nor load simple-git (src/git/exec.ts).
import * as esbuild from 'esbuild';
import { existsSync, chmodSync, readFileSync, readdirSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const argv = new Set(process.argv.slice(2));
const production = argv.has('--production');
const watch = argv.has('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  target: 'node20',
  logLevel: argv.has('--quiet') ? 'warning' : 'info',
  legalComments: 'none',
  define: { 'process.env.AIP_VERSION': JSON.stringify(version) },
};

const commands = readdirSync('src/cli/commands').filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
/** Commands git hooks (`policy apply`, `hook …`) and agent hooks (`record`) start. */
const HOOK_PATH = new Set(['hook', 'policy', 'record']);
/**
 * Commands built with the git runner's spawn backend only (src/git/exec.ts): the hook path, and
 * `audit`, whose few non-streaming calls (probes of config, paths, notes refs) are a handful of
 * fixed reads while loading simple-git costs ~35–45 ms per run (measured: require of
 * dist/vendor-simple-git.js), more than `git log` of a 4,500-commit repository (bench case s).
 */
const SPAWN_BACKEND = new Set([...HOOK_PATH, 'audit']);

/** `simple-git` from our code is the sibling bundle dist/vendor-simple-git.js, loaded on first use. */
const vendorSimpleGit = (build) => build.onResolve({ filter: /^simple-git$/ }, (args) =>
  args.importer.includes('node_modules') ? undefined : { path: './vendor-simple-git.js', external: true });

/**
 * string-width makes its Intl.Segmenter when its module loads, and loading ICU's break data costs
 * 25–50 ms: every process whose bundle contains it paid that (`audit`, whatever its format). Made on
 * first use instead (its printable-ASCII fast path never needs one). Fails the build if the line moves.
 */
const lazySegmenter = {
  name: 'lazy-segmenter',
  setup(build) {
    build.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, (args) => {
      const eager = 'const segmenter = new Intl.Segmenter();';
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(eager)) throw new Error(`lazy-segmenter: ${args.path} no longer has '${eager}'; update esbuild.config.mjs`);
      return {
        contents: text.replace(eager, 'let eagerSegmenter; const segmenter = { segment: (s) => (eagerSegmenter ??= new Intl.Segmenter()).segment(s) };'),
        loader: 'js',
      };
    });
  },
};

/** main.ts imports ./commands/<name> lazily; at run time they are sibling bundles. */
const splitCli = {
  name: 'split-cli',
  setup(build) {
    build.onResolve({ filter: /^\.\/commands\/[\w-]+$/ }, (args) =>
      args.importer.endsWith('main.ts') ? { path: `./cli-${args.path.split('/').pop()}.js`, external: true } : undefined);
    vendorSimpleGit(build);
    lazySegmenter.setup(build);
  },
};

const cliCommon = {
  ...common,
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  // Always minified: hooks and agent adapters start it on every commit or edit; parse time counts.
  minify: true,
  sourcemap: 'linked',
  plugins: [splitCli],
  // import() of a sibling bundle as a plain require(): node's ESM loader would lex the CJS file first.
  supported: { 'dynamic-import': false },
  banner: { js: '#!/usr/bin/env node' },
};

const builds = [
  {
    ...cliCommon,
    entryPoints: {
      cli: 'src/cli/main.ts',
      ...Object.fromEntries(commands.filter((c) => !SPAWN_BACKEND.has(c)).map((c) => [`cli-${c}`, `src/cli/commands/${c}.ts`])),
    },
  },
  {
    ...cliCommon,
    entryPoints: Object.fromEntries(commands.filter((c) => SPAWN_BACKEND.has(c)).map((c) => [`cli-${c}`, `src/cli/commands/${c}.ts`])),
    // The git runner's spawn backend only: `require('simple-git')` is dead code, dropped.
    define: { ...common.define, 'process.env.AIP_GIT_BACKEND': '"spawn"' },
  },
  {
    ...common,
    entryPoints: { 'vendor-simple-git': 'simple-git' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    minify: true,
    sourcemap: false,
  },
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    plugins: [{ name: 'vendor-simple-git', setup: vendorSimpleGit }, lazySegmenter],
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
].filter((b) => Object.values(b.entryPoints).every((e) => e === 'simple-git' || existsSync(e)));

const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  try {
    await Promise.all(contexts.map((c) => c.rebuild()));
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}

// ---- post-build step: dist/schemas/report.schema.json ------------------------------------------
// The JSON Schema of the versioned JSON report, generated from the zod schema the code uses
// (src/core/report/reportSchema.ts, z.toJSONSchema), so the shipped schema cannot drift from the writer.
// A tiny entry is bundled to a temp file, imported, and its result written out.
{
  const fs = await import('node:fs');
  const os = await import('node:os');
  const nodePath = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const tmp = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'aip-schema-'));
  try {
    const entry = nodePath.join(tmp, 'schema.mjs');
    await esbuild.build({
      stdin: {
        contents: "export { reportJsonSchema } from './src/core/report/reportSchema.ts';\n"
          + "export { SCHEMA_FILES } from './src/core/schemaFiles.ts';",
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: entry,
      logLevel: 'warning',
    });
    const { reportJsonSchema, SCHEMA_FILES } = await import(pathToFileURL(entry).href);
    fs.mkdirSync('dist/schemas', { recursive: true });
    fs.writeFileSync('dist/schemas/report.schema.json', `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
    // The other published schemas (team file, check, fleet records and reports): src/core/schemaFiles.ts.
    for (const [file, make] of Object.entries(SCHEMA_FILES)) fs.writeFileSync(`dist/schemas/${file}`, `${JSON.stringify(make(), null, 2)}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ---- post-build step: dist/codicons/ ----------------------------------------------------------
// The panel's icons: the stylesheet and font of @vscode/codicons (a devDependency) with its licence
// (CC BY 4.0), loaded by the webview from dist/ (its CSP allows style-src and font-src of the
// webview's own origin; extension/panel/panelHtml.ts links it).
{
  const fs = await import('node:fs');
  const from = 'node_modules/@vscode/codicons';
  fs.mkdirSync('dist/codicons', { recursive: true });
  for (const [src, dest] of [['dist/codicon.css', 'codicon.css'], ['dist/codicon.ttf', 'codicon.ttf'], ['LICENSE', 'LICENSE']]) {
    fs.copyFileSync(`${from}/${src}`, `dist/codicons/${dest}`);
  }
}
