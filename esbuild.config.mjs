// Builds the bundles: the CLI (node, with shebang), the VS Code extension host bundle
// (node, `vscode` external) and the provenance panel's browser bundle.
//   node esbuild.config.mjs [--production] [--watch] [--quiet]
import * as esbuild from 'esbuild';
import { existsSync, chmodSync, readFileSync } from 'node:fs';

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

const builds = [
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    // Always minified: hooks and agent adapters start it on every commit or edit; parse time counts.
    minify: true,
    sourcemap: 'linked',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
].filter((b) => existsSync(b.entryPoints[0]));

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
