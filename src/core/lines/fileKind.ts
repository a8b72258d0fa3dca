// Which files of a tree count as code lines, and which are listed apart: binary files (as git
// decides: the `diff` attribute, else a NUL in the first 8,000 bytes) and generated files (the
// `linguist-generated` attribute as GitHub and git-ai read it, lockfiles, minified bundles, and a
// "generated … DO NOT EDIT" / "@generated" header). Pure.

/** What a blob's first bytes say (computed once per blob). */
export interface BlobFacts {
  /** A NUL in the first 8,000 bytes (git's buffer_is_binary). */
  nul: boolean;
  /** The header names the file generated; the matched line, trimmed. */
  marker?: string;
  /** Lines in the blob (a last line without newline counts). */
  lines: number;
}

/** Attributes that change the kind: `set`, `unset` or a value; absent when unspecified. */
export interface KindAttributes {
  diff?: string;
  linguistGenerated?: string;
}

export type FileKind =
  | { kind: 'text' }
  | { kind: 'binary'; reason: 'attribute' | 'content' }
  | { kind: 'generated'; reason: 'attribute' | 'lockfile' | 'minified' | 'marker'; detail?: string };

/** Bytes git looks at to decide that a file is binary. */
export const BINARY_PROBE_BYTES = 8000;
/** Header lines searched for a generated-file marker. */
const MARKER_LINES = 40;

const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'Cargo.lock',
  'Gemfile.lock', 'composer.lock', 'poetry.lock', 'Pipfile.lock', 'uv.lock', 'pdm.lock', 'go.sum', 'flake.lock',
  'packages.lock.json', 'Podfile.lock', 'mix.lock', 'pubspec.lock', 'Package.resolved', 'deno.lock', 'gradle.lockfile',
]);

const GENERATED_LINE = /(?:\bgenerated\b.*\bDO NOT EDIT\b|\bDO NOT EDIT\b.*\bgenerated\b|@generated\b)/i;

/** Line count and header facts of a blob's bytes (`head` may be only the start of a large blob). */
export function blobFacts(head: Uint8Array, lines: number): BlobFacts {
  const probe = head.subarray(0, BINARY_PROBE_BYTES);
  const nul = probe.indexOf(0) !== -1;
  if (nul) return { nul, lines };
  let marker: string | undefined;
  let start = 0;
  for (let n = 0; n < MARKER_LINES && start < head.length; n++) {
    let end = head.indexOf(10, start);
    if (end === -1) end = head.length;
    if (end - start < 400) {
      let text = '';
      for (let i = start; i < end; i++) text += String.fromCharCode(head[i] as number);
      if (GENERATED_LINE.test(text)) {
        marker = text.trim().slice(0, 120);
        break;
      }
    }
    start = end + 1;
  }
  return { nul, lines, ...(marker ? { marker } : {}) };
}

const isSet = (v: string | undefined): boolean => v !== undefined && v !== 'unset' && v !== 'false';

/** The kind of a file from its path, attributes and blob facts. */
export function fileKind(path: string, attrs: KindAttributes, facts: BlobFacts): FileKind {
  if (attrs.diff === 'unset') return { kind: 'binary', reason: 'attribute' };
  if (attrs.diff === undefined && facts.nul) return { kind: 'binary', reason: 'content' };
  const generated = attrs.linguistGenerated;
  if (generated !== undefined) return isSet(generated) ? { kind: 'generated', reason: 'attribute', detail: 'linguist-generated' } : { kind: 'text' };
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (LOCKFILES.has(name)) return { kind: 'generated', reason: 'lockfile' };
  if (/\.min\.(?:js|mjs|css)$/.test(name)) return { kind: 'generated', reason: 'minified' };
  if (facts.marker) return { kind: 'generated', reason: 'marker', detail: facts.marker };
  return { kind: 'text' };
}
