// The POSIX sh shims installed as git hooks. They stay small and fast: node starts only when there
// is something to do (recorded evidence, or a message that mentions AI attribution), and nothing
// but an explicit policy decision can block a commit — a missing or crashing CLI warns and lets
// the commit through with its message as it was.
import { NOTES_REF } from '../core/evidenceSchema';

export const HOOK_NAMES = ['prepare-commit-msg', 'commit-msg', 'post-commit', 'post-rewrite'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** First line after the shebang: identifies our shims (status, uninstall). */
export const SHIM_MARKER = '# ai-provenance:managed-hook v1';
/** Suffix of a previous hook kept and chained by our shim. */
export const PREVIOUS_SUFFIX = '.pre-ai-provenance';
/** Exit status by which `policy apply --from-hook` says "reject this commit" (anything else is not a decision). */
export const REJECT_STATUS = 99;

/**
 * What a commit message must contain (case-insensitively) for commit-msg to start node when no
 * evidence is recorded: every AI trailer key and marker of the catalog (a superset of
 * MESSAGE_PREFILTER in POSIX ERE; a unit test checks every catalog example matches).
 */
export const SHIM_GREP = 'co-authored-by|assisted-by|generated-by|synthesized-by|ai-|made[- ]with|-session|devin session|claude-workflow|amp-thread-id|replit-commit|entire-|(generated|created|written) (with|by)|cursor\\.com/|^aider: ';

/**
 * What the staged diff must contain (case-insensitively) for commit-msg to start node to look for AI
 * code markers: a word of every code marker of the catalog (diffMarkers.ts reads the same words
 * first; a unit test runs every CODE_MARKERS example and the AI file name through it).
 */
export const DIFF_GREP = 'generat|assist|written|created|(^|[^a-z0-9_])ai([^a-z0-9_]|$)';

/** The patch bytes the shim greps (and node scans): audit's per-commit diff cap. */
export const DIFF_GREP_BYTES = 1 << 20;

function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

const COMMON = (hook: HookName, node: string, cli: string): string => `#!/bin/sh
${SHIM_MARKER}
# ${hook}: installed by \`ai-provenance hooks install\`; \`ai-provenance hooks uninstall\` restores what was here.
AIP_NODE=${q(node)}
AIP_CLI=${q(cli)}
AIP_HOOK=${hook}
aip_warn() { echo "ai-provenance: $*" >&2; }
aip_run() {
  if [ ! -x "$AIP_NODE" ] || [ ! -f "$AIP_CLI" ]; then
    aip_warn "$AIP_HOOK hook skipped: the CLI is missing ($AIP_CLI); the commit continues unchanged. Run 'ai-provenance hooks install' again."
    return 0
  fi
  # ELECTRON_RUN_AS_NODE: when installed from desktop VS Code, AIP_NODE may be its Electron binary.
  ELECTRON_RUN_AS_NODE=1 "$AIP_NODE" "$AIP_CLI" "$@"
  aip_rc=$?
  if [ "$aip_rc" -eq ${REJECT_STATUS} ]; then exit 1; fi
  if [ "$aip_rc" -ne 0 ]; then aip_warn "$AIP_HOOK hook failed (exit $aip_rc); the commit continues with its message unchanged."; fi
  return 0
}
aip_nl='
'
# one git call for our paths: the working log (per worktree), the note commit-msg prepares, rebase -i state
aip_paths=$(git rev-parse --git-path ai-provenance/worklog --git-path ai-provenance/pending --git-path rebase-merge 2>/dev/null)
aip_wl=\${aip_paths%%"$aip_nl"*}
aip_rest=\${aip_paths#*"$aip_nl"}
aip_pd=\${aip_rest%%"$aip_nl"*}
aip_rm=\${aip_rest#*"$aip_nl"}
export AIP_WORKLOG="$aip_wl"
# Builtins only on the ordinary path (no ls, no dirname): every process a shim starts is commit latency.
# Entries are never dot-files (those are being written), so a glob finds them.
aip_has_evidence() {
  [ -n "$aip_wl" ] && [ -d "$aip_wl" ] || return 1
  for aip_f in "$aip_wl"/*; do [ -e "$aip_f" ] && return 0; done
  return 1
}
case "$0" in */*) aip_prev="\${0%/*}/$AIP_HOOK${PREVIOUS_SUFFIX}" ;; *) aip_prev="./$AIP_HOOK${PREVIOUS_SUFFIX}" ;; esac
`;

const CHAIN_ARGS = `if [ -x "$aip_prev" ]; then "$aip_prev" "$@" || exit $?; fi
`;

const BODIES: Record<HookName, string> = {
  'prepare-commit-msg': `${CHAIN_ARGS}# An amend (or -c/-C) names the commit it rewrites: commit-msg reads it back for the same git process ($PPID).
if [ "$2" = commit ] && [ -n "$3" ] && [ -n "$aip_pd" ]; then
  mkdir -p "$aip_pd" 2>/dev/null && printf '%s %s\\n' "$PPID" "$3" > "$aip_pd/origin"
elif [ -n "$aip_pd" ] && [ -f "$aip_pd/origin" ]; then
  rm -f "$aip_pd/origin"
fi
# A squash or fixup of rebase -i (git runs no commit-msg there): put back the attribution of the
# commits whose messages git drops, and disclose what their provenance notes record.
if [ -n "$aip_rm" ] && [ -f "$aip_rm/current-fixups" ]; then
  aip_run policy apply "$1" --stage prepare --from-hook
  exit 0
fi
# Show evidence-backed trailers in the editor; commits without an editor are handled by commit-msg.
case "$2" in message|merge|squash) exit 0 ;; esac
aip_has_evidence || exit 0
aip_run policy apply "$1" --stage prepare --from-hook
exit 0
`,
  'commit-msg': `${CHAIN_ARGS}aip_go=
if aip_has_evidence || [ -f "$aip_pd/origin" ] || grep -qiE ${q(SHIM_GREP)} "$1" 2>/dev/null; then aip_go=1; fi
# AI code markers in the lines this commit adds: a fixed keyword list over the capped staged diff.
if git diff --cached -U0 --no-color --no-ext-diff --no-textconv 2>/dev/null | head -c ${DIFF_GREP_BYTES} | LC_ALL=C grep -qiE ${q(DIFF_GREP)}; then
  aip_diff=1; aip_go=1
else
  aip_diff=0
fi
if [ -n "$aip_go" ]; then
  AIP_GIT_PID=$PPID AIP_DIFF_HIT=$aip_diff aip_run policy apply "$1" --stage commit --from-hook
fi
exit 0
`,
  'post-commit': `${CHAIN_ARGS}# commit-msg prepared this commit's provenance note; the same git process runs both hooks ($PPID).
if [ -n "$aip_pd" ] && [ -f "$aip_pd/owner" ]; then
  if [ "$(cat "$aip_pd/owner")" = "$PPID" ]; then
    if [ -s "$aip_pd/note.jsonl" ]; then
      git notes --ref=${NOTES_REF} append -F "$aip_pd/note.jsonl" HEAD >/dev/null 2>&1 || aip_warn "could not attach the provenance note to HEAD"
    fi
    if [ -f "$aip_pd/consumed" ]; then
      while IFS= read -r aip_f; do [ -n "$aip_f" ] && rm -f "$aip_wl/$aip_f"; done < "$aip_pd/consumed"
    fi
    for aip_f in "$aip_pd"/add/*.json; do [ -f "$aip_f" ] && mv "$aip_f" "$aip_wl/"; done
    rm -rf "$aip_pd"
    exit 0
  fi
  rm -rf "$aip_pd"
fi
# A commit that skipped commit-msg (--no-verify, as aider does): attribute evidence for the files it changed.
aip_has_evidence || exit 0
aip_run hook post-commit --from-hook
exit 0
`,
  'post-rewrite': `# git passes "old new" pairs on stdin: keep them for the previous hook and for us.
aip_in=$(mktemp "\${TMPDIR:-/tmp}/aip-rewrite.XXXXXX" 2>/dev/null) || aip_in=
if [ -n "$aip_in" ]; then cat > "$aip_in"; fi
if [ -x "$aip_prev" ]; then
  "$aip_prev" "$@" < "\${aip_in:-/dev/null}"
  aip_rc=$?
  if [ "$aip_rc" -ne 0 ]; then [ -n "$aip_in" ] && rm -f "$aip_in"; exit "$aip_rc"; fi
fi
# git copies notes itself when notes.rewriteRef covers ours (hooks install sets it); otherwise copy them here.
case " $(git config --get-all notes.rewriteRef 2>/dev/null | tr '\\n' ' ') " in
  *' ${NOTES_REF} '*|*' refs/notes/* '*|*' refs/notes/** '*) ;;
  *) [ -n "$aip_in" ] && git notes --ref=${NOTES_REF} copy --stdin < "$aip_in" >/dev/null 2>&1 ;;
esac
[ -n "$aip_in" ] && rm -f "$aip_in"
exit 0
`,
};

/** The full text of a hook shim calling `node cli`. */
export function shimText(hook: HookName, node: string, cli: string): string {
  return COMMON(hook, node, cli) + BODIES[hook];
}

/** The paths a shim calls, or undefined when the text is not one of our shims. */
export function readShim(text: string): { node: string; cli: string } | undefined {
  if (!text.split('\n', 3).includes(SHIM_MARKER)) return undefined;
  const unq = (s: string | undefined): string => (s ?? '').replace(/^'|'$/g, '').replace(/'\\''/g, "'");
  return { node: unq(/^AIP_NODE=(.*)$/m.exec(text)?.[1]), cli: unq(/^AIP_CLI=(.*)$/m.exec(text)?.[1]) };
}
