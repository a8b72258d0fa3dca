// One commit's provenance as a read-only markdown document (scheme `ai-provenance-commit`, rendered
// on demand from the URI, so restored editors render again). Everything read from git is escaped before it reaches markdown.
import * as vscode from 'vscode';
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { runAudit } from '../app/audit/audit';
import { NOTES_REF } from '../core/evidence/evidenceSchema';
import type { CommitAudit, Evidence } from '../core/model';
import { Git, assertRevision } from '../git/exec';
import type { Log } from './log';

const VERSION = (process.env.AIP_VERSION as string | undefined) ?? '0.0.0-dev';
export const PROVENANCE_SCHEME = 'ai-provenance-commit';

/** Audits commits through the engine and its cache; `revs: []` means HEAD. */
export async function auditCommits(
  root: string, revs: string[], maxCount: number, log?: Log, signal?: AbortSignal,
): Promise<CommitAudit[]> {
  const out: CommitAudit[] = [];
  await runAudit({
    repo: root, revs, all: false, paths: [], diffs: true, cache: true, maxCount, version: VERSION,
    ...(signal ? { signal } : {}),
    ...(log ? { log: (l: string) => log.trace(l) } : {}),
  }, { begin: () => undefined, commit: (c) => void out.push(c.audit) });
  return out;
}

// ---- the provenance document --------------------------------------------------------------------

let provider: vscode.Disposable | undefined;
let providerLog: Log | undefined;

/** Registers the read-only document provider (also registered on first use if nobody did). */
export function registerProvenanceDocuments(log?: Log): vscode.Disposable {
  providerLog = log ?? providerLog;
  ensureProvider();
  return new vscode.Disposable(() => {
    provider?.dispose();
    provider = undefined;
  });
}

function ensureProvider(): void {
  provider ??= vscode.workspace.registerTextDocumentContentProvider(PROVENANCE_SCHEME, {
    provideTextDocumentContent: async (uri) => {
      const q = new URLSearchParams(uri.query);
      const root = q.get('root') ?? '';
      const sha = q.get('sha') ?? '';
      try {
        if (!isWorkspaceRepository(root)) throw new Error(vscode.l10n.t('{0} is not a repository of this workspace.', root));
        const [audit] = await auditCommits(root, [sha], 1, providerLog);
        if (!audit) throw new Error(vscode.l10n.t('Commit {0} was not found.', sha));
        return renderProvenance(audit, await hasProvenanceNote(root, audit.sha));
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        providerLog?.warn(`provenance of ${sha} in ${root}: ${message}`);
        return `# ${escapeMarkdown(vscode.l10n.t('Could not read the commit'))}\n\n${escapeMarkdown(message)}\n`;
      }
    },
  });
}

/** Opens a read-only markdown document describing the provenance of `rev` (a sha, or e.g. HEAD). */
export async function showCommitProvenance(root: string, rev: string): Promise<void> {
  assertRevision(rev);
  const sha = (await new Git(root).text(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { okExitCodes: [1] })).trim();
  if (!sha) throw new Error(vscode.l10n.t('Commit {0} was not found.', rev));
  ensureProvider();
  const uri = vscode.Uri.from({
    scheme: PROVENANCE_SCHEME,
    path: `/${sha.slice(0, 7)} provenance.md`,
    query: new URLSearchParams({ root, sha }).toString(),
  });
  const doc = await vscode.workspace.openTextDocument(uri);
  const md = doc.languageId === 'markdown' ? doc : await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(md, { preview: true });
}

/** A root at, inside or above a workspace folder: the provider never runs git elsewhere. */
export function isWorkspaceRepository(root: string): boolean {
  if (!root || !path.isAbsolute(root)) return false;
  const real = (p: string): string => {
    try {
      return realpathSync.native(p);
    } catch {
      return p;
    }
  };
  const inside = (child: string, parent: string): boolean => child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
  const repo = real(root);
  return (vscode.workspace.workspaceFolders ?? []).some((f) => {
    const folder = real(f.uri.fsPath);
    return inside(folder, repo) || inside(repo, folder);
  });
}

async function hasProvenanceNote(root: string, sha: string): Promise<boolean> {
  try {
    const out = await new Git(root).text(['notes', `--ref=${NOTES_REF}`, 'list', sha], { okExitCodes: [1] });
    return out.trim() !== '';
  } catch {
    return false;
  }
}

const VERDICT_TEXT: Record<CommitAudit['verdict'], string> = {
  assisted: 'AI-assisted',
  unverified: 'unverified (only VS Code\'s sticky Copilot trailer, no other evidence)',
  none: 'no AI evidence',
};

export function renderProvenance(a: CommitAudit, note: boolean): string {
  const lines = [
    `# ${escapeMarkdown(a.subject || '(no subject)')}`,
    '',
    `- **Commit:** ${code(a.sha)}`,
    `- **Author:** ${escapeMarkdown(a.author.name)} ${code(`<${a.author.email}>`)}`,
    `- **Date:** ${escapeMarkdown(a.date)}`,
    `- **Verdict:** ${VERDICT_TEXT[a.verdict]}`,
    `- **Tools:** ${a.tools.length ? a.tools.map(escapeMarkdown).join(', ') : '—'}`,
    `- **Models:** ${a.models.length ? a.models.map(escapeMarkdown).join(', ') : '—'}`,
  ];
  if (a.diffTruncated) lines.push('- **Diff:** only the beginning of a long patch was scanned');
  if (a.diffScanned === false) lines.push('- **Diff:** not scanned for markers');
  if (note) lines.push('', `> This commit has a provenance note (${code(NOTES_REF)}); its records appear as \`note\` evidence below.`);
  lines.push('', `## Evidence (${a.evidence.length})`, '');
  if (!a.evidence.length) lines.push('No AI evidence was found in the message, identities, diff or notes.');
  a.evidence.forEach((e, i) => lines.push(...renderEvidence(e, i + 1)));
  return `${lines.join('\n')}\n`;
}

function renderEvidence(e: Evidence, n: number): string[] {
  const out = [
    `### ${n}. ${escapeMarkdown(e.tool)}${e.model ? ` · ${escapeMarkdown(e.model)}` : ''} (${escapeMarkdown(e.kind)})`,
    '',
    `- **Kind:** ${escapeMarkdown(e.kind)}`,
    `- **Tool:** ${escapeMarkdown(e.tool)}`,
  ];
  if (e.model) out.push(`- **Model:** ${escapeMarkdown(e.model)}`);
  out.push(`- **Confidence:** ${escapeMarkdown(e.confidence)}`, `- **Detail:** ${code(e.detail)}`, `- **Signature:** ${code(e.signature)}`);
  if (e.sticky) out.push('- **Sticky:** VS Code adds this trailer to files Copilot once touched; it proves little on its own');
  if (e.session) out.push(`- **Session:** ${code(e.session)}`);
  if (e.locations?.length) {
    out.push('- **Locations:**');
    for (const l of e.locations) out.push(`  - ${code(formatLocation(l))}`);
  }
  out.push('');
  return out;
}

export function formatLocation(l: { file: string; line?: number; endLine?: number }): string {
  if (l.line === undefined) return l.file;
  return l.endLine !== undefined && l.endLine !== l.line ? `${l.file}:${l.line}-${l.endLine}` : `${l.file}:${l.line}`;
}

/** The date in the display language's format. */
export function dateText(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  try {
    return new Date(t).toLocaleString(vscode.env.language);
  } catch {
    return new Date(t).toISOString();
  }
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86400], ['month', 30 * 86400], ['week', 7 * 86400], ['day', 86400], ['hour', 3600], ['minute', 60],
];

/** "3 days ago", "yesterday", "now" in the display language. */
export function relativeDate(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const seconds = Math.round((t - now) / 1000);
  let format: Intl.RelativeTimeFormat;
  try {
    format = new Intl.RelativeTimeFormat(vscode.env.language, { numeric: 'auto' });
  } catch {
    format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  }
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

export function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').trim();
}

/**
 * Plain text for markdown, on one line: the characters that start inline markup (HTML, entities,
 * links, images, emphasis, code, math, tables, heading closers) are escaped; the rest stays readable.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>#!|~$&]/g, '\\$&');
}

/** Plain text as an inline code span (literal in markdown: no HTML, no links, no emphasis). */
function code(text: string): string {
  const t = oneLine(text);
  if (!t) return '';
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${t} ${fence}` : `${fence}${t}${fence}`;
}
