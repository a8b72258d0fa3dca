// The POSIX sh shims installed as git hooks. They stay small and fast: node starts only when there
// is something to do (recorded evidence, or a message that mentions AI attribution), and nothing
// but an explicit policy decision can block a commit — a missing or crashing CLI warns and lets
// the commit through with its message as it was.
import { NOTES_REF } from '../core/evidence/evidenceSchema';

/** The handoff directory in the git dir (app/hooks/handoff.ts) and the overflow of a read-only working log (worklogLedger.ts). */
const PENDING = 'ai-provenance-pending';
const OVERFLOW = 'ai-provenance-overflow';
/** Temporary notes refs of the shims' compare-and-swap writes (one per shim process). */
const TEMP_NOTES_REF = 'refs/notes/ai-provenance-tmp/';

/**
 * notes.rewriteRef for hook managers whose post-rewrite stage cannot pass the rewritten commits:
 * a pattern that matches our notes ref alone, so git copies the notes without warning
 * "notes ref … is invalid" before the first note exists (it warns only about a missing exact ref).
 */
export const REWRITE_REF_GLOB = 'refs/notes/ai-provenanc[e]';

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
export const SHIM_GREP = 'co-authored-by|assisted-by|generated-by|synthesized-by|ai-|made[- ]with|-session|devin session|claude-workflow|claude-(steers|permission-prompts|escapes)|amp-thread-id|replit-commit|entire-|(generated|created|written) (with|by)|cursor\\.com/|^aider: |ultraworked with|copilot-workspace\\.|claude\\.ai/code/session_|^# aider chat conversation|^assistant: |author: claude code with';

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
aip_nl='
'
# A message's lines in $aip_r, with builtins only, so a failed run can say whether it had changed
# the message (past 2,000 lines it does not say which).
aip_slurp() {
  aip_r= aip_c=0
  [ -f "$1" ] || return 0
  while IFS= read -r aip_l || [ -n "$aip_l" ]; do
    aip_c=$((aip_c + 1)); [ "$aip_c" -gt 2000 ] && { aip_r=-; return 0; }
    aip_r="$aip_r$aip_l$aip_nl"; aip_l=
  done < "$1"
}
aip_run() {
  if [ ! -x "$AIP_NODE" ] || [ ! -f "$AIP_CLI" ]; then
    aip_warn "$AIP_HOOK hook skipped: the CLI is missing ($AIP_CLI); the commit continues unchanged. Run 'ai-provenance hooks install' again."
    return 0
  fi
  aip_before=
  if [ -n "$aip_msg" ]; then aip_slurp "$aip_msg"; aip_before=$aip_r; fi
  # ELECTRON_RUN_AS_NODE: when installed from desktop VS Code, AIP_NODE may be its Electron binary.
  # NODE_OPTIONS and NODE_EXTRA_CA_CERTS emptied: the hook makes no TLS call, and node reads every
  # extra CA certificate at start-up (~30 ms per start where it is set); no preload or flag of the
  # user's applies to a hook either.
  AIP_GIT_PID=$PPID AIP_HEAD=$aip_head ELECTRON_RUN_AS_NODE=1 NODE_OPTIONS= NODE_EXTRA_CA_CERTS= "$AIP_NODE" "$AIP_CLI" "$@"
  aip_rc=$?
  if [ "$aip_rc" -eq ${REJECT_STATUS} ]; then exit 1; fi
  [ "$aip_rc" -eq 0 ] && return 0
  if [ -z "$aip_msg" ]; then
    aip_warn "$AIP_HOOK hook failed (exit $aip_rc); the commit is made, and the next hook run finishes what is left."
    return 0
  fi
  aip_slurp "$aip_msg"
  if [ "$aip_r" = - ] || [ "$aip_before" = - ]; then
    aip_warn "$AIP_HOOK hook failed (exit $aip_rc); the commit continues with its message as it stands (as you wrote it, or rewritten whole: never half-written)."
  elif [ "$aip_r" = "$aip_before" ]; then
    aip_warn "$AIP_HOOK hook failed (exit $aip_rc); the commit continues with its message unchanged."
  else
    aip_warn "$AIP_HOOK hook failed (exit $aip_rc) after rewriting the message (whole: a message is replaced completely or not at all); the commit continues with the rewritten message."
  fi
  return 0
}
# One git call for our paths (the working log, the handoff directory, rebase -i state) and HEAD.
aip_paths=$(git rev-parse --git-path ai-provenance/worklog --git-path ${PENDING} --git-path rebase-merge --verify -q HEAD 2>/dev/null)
aip_wl=\${aip_paths%%"$aip_nl"*}
aip_rest=\${aip_paths#*"$aip_nl"}
aip_pd=\${aip_rest%%"$aip_nl"*}
aip_rest=\${aip_rest#*"$aip_nl"}
aip_rm=\${aip_rest%%"$aip_nl"*}
case "$aip_rest" in *"$aip_nl"*) aip_head=\${aip_rest#*"$aip_nl"} ;; *) aip_head= ;; esac
case "$aip_pd" in */*) aip_gd=\${aip_pd%/*} ;; *) aip_gd=. ;; esac
aip_msg=
export AIP_WORKLOG="$aip_wl"
# Builtins only on the ordinary path (no ls, no dirname): every process a shim starts is commit latency.
# Entries are never dot-files (those are being written), so a glob finds them.
aip_has_evidence() {
  [ -n "$aip_wl" ] || return 1
  for aip_f in "$aip_wl"/* "$aip_gd/${OVERFLOW}"/*.json; do [ -e "$aip_f" ] && return 0; done
  return 1
}
case "$0" in */*) aip_prev="\${0%/*}/$AIP_HOOK${PREVIOUS_SUFFIX}" ;; *) aip_prev="./$AIP_HOOK${PREVIOUS_SUFFIX}" ;; esac
`;

const CHAIN_ARGS = `if [ -x "$aip_prev" ]; then "$aip_prev" "$@" || exit $?; fi
`;

/**
 * Moves refs/notes/ai-provenance by compare-and-swap (notesWrite.ts does the same in node): the
 * change is made on a temporary notes ref copied from the tip, then one `update-ref --stdin`
 * transaction moves the real ref only if it still points where the copy started, and deletes the
 * temporary ref; another writer first means building it again on the new tip.
 */
const CAS = `aip_cas() { # $1: the tip the temporary ref started from ('' for none)
  if [ -n "$1" ]; then aip_u="update ${NOTES_REF} $aip_t $1"; else aip_u="create ${NOTES_REF} $aip_t"; fi
  printf 'start\\n%s\\ndelete %s\\nprepare\\ncommit\\n' "$aip_u" "$aip_t" | git update-ref --stdin >/dev/null 2>&1
}
`;

const BODIES: Record<HookName, string> = {
  'prepare-commit-msg': `${CHAIN_ARGS}# An amend (or -c/-C) names the commit it rewrites: commit-msg reads it back for the same git process ($PPID).
# \`git commit --amend -m/-F\` tells this hook only "message": the committing git's own arguments say it amends.
aip_amends() {
  if [ -r "/proc/$PPID/cmdline" ]; then
    tr '\\000' '\\n' < "/proc/$PPID/cmdline" 2>/dev/null | grep -qxE -- '--am(e(nd?)?)?'
  else
    ps -o args= -p "$PPID" 2>/dev/null | grep -qE -- '(^| )--am(e(nd?)?)?( |$)'
  fi
}
aip_origin=
if [ "$2" = commit ] && [ -n "$3" ]; then aip_origin=$3
elif [ "$2" = message ] && [ -n "$aip_head" ] && aip_amends; then aip_origin=$aip_head
fi
if [ -n "$aip_origin" ] && [ -n "$aip_pd" ]; then
  { [ -d "$aip_pd" ] || mkdir -p "$aip_pd"; } 2>/dev/null && { printf '%s %s\\n' "$PPID" "$aip_origin" > "$aip_pd/origin"; } 2>/dev/null
elif [ -n "$aip_pd" ] && [ -f "$aip_pd/origin" ]; then
  rm -f "$aip_pd/origin"
fi
aip_msg=$1
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
# AI code markers in the lines this commit adds: a fixed keyword list over the capped staged diff
# decides whether node starts to scan them. When node starts anyway, it reads the diff itself (and
# AIP_DIFF_HIT stays empty: not checked), so this grep is no extra process on that path.
aip_diff=
if [ -z "$aip_go" ]; then
  if git diff --cached -U0 --no-color --no-ext-diff --no-textconv 2>/dev/null | head -c ${DIFF_GREP_BYTES} | LC_ALL=C grep -qiE ${q(DIFF_GREP)}; then
    aip_diff=1; aip_go=1
  fi
fi
if [ -n "$aip_go" ]; then
  aip_msg=$1
  AIP_DIFF_HIT=$aip_diff aip_run policy apply "$1" --stage commit --from-hook
fi
exit 0
`,
  'post-commit': `${CHAIN_ARGS}${CAS}aip_attach() { # note file, commit
  aip_t=${TEMP_NOTES_REF}$$
  aip_n=0
  while [ "$aip_n" -lt 40 ]; do
    aip_n=$((aip_n + 1))
    if git update-ref "$aip_t" ${NOTES_REF} 2>/dev/null; then aip_o="$aip_t^"; else git update-ref -d "$aip_t" 2>/dev/null; aip_o=; fi
    git notes --ref="$aip_t" append -F "$1" "$2" >/dev/null 2>&1 || break
    aip_cas "$aip_o" && return 0
  done
  git update-ref -d "$aip_t" 2>/dev/null
  return 1
}
# commit-msg prepared this commit's note in note-<pid of this git>: stamp it with the commit, attach
# it, consume the entries it records. Whatever is left (a failure, an interrupted earlier hook, a
# commit that skipped commit-msg) is finished by node, idempotently.
aip_own= aip_left=
aip_pn="$aip_pd/note-$PPID"
if [ -n "$aip_pd" ] && [ -n "$aip_head" ] && [ -d "$aip_pn" ]; then
  aip_own=1
  if [ -f "$aip_pn/commit" ]; then
    aip_left=1
  else
    # The note that stays true: the full one if the message is the one commit-msg wrote, else the
    # one without removal records (commit-msg stopped before it rewrote the message).
    aip_v=full
    if [ -f "$aip_pn/kept.jsonl" ]; then
      aip_mf=; read -r aip_mf < "$aip_pn/msgfile"
      aip_h=$(git hash-object --no-filters -- "$aip_pn/message" "$aip_mf" 2>/dev/null)
      case "$aip_h" in *"$aip_nl"*) [ "\${aip_h%%"$aip_nl"*}" = "\${aip_h#*"$aip_nl"}" ] || aip_v=kept ;; *) aip_v=kept ;; esac
    fi
    { printf '%s %s\\n' "$aip_head" "$aip_v" > "$aip_pn/commit"; } 2>/dev/null
    aip_nf="$aip_pn/note.jsonl"; [ "$aip_v" = kept ] && aip_nf="$aip_pn/kept.jsonl"
    if [ ! -s "$aip_nf" ] || aip_attach "$aip_nf" "$aip_head"; then
      set --
      while IFS= read -r aip_f; do [ -n "$aip_f" ] && set -- "$@" "$aip_gd/$aip_f"; done < "$aip_pn/consumed"
      if [ $# -gt 0 ]; then rm -f -- "$@" 2>/dev/null || aip_left=1; fi
      for aip_f in "$aip_pn"/add/*.json; do [ -f "$aip_f" ] && { mv -f -- "$aip_f" "$aip_wl/" 2>/dev/null || aip_left=1; }; done
      [ -n "$aip_left" ] || rm -rf "$aip_pn"
    else
      aip_left=1
    fi
  fi
fi
aip_go=$aip_left
# A commit that skipped commit-msg (--no-verify, as aider does) or whose commit-msg was killed:
# claim it (node attributes the evidence for the files it changed), unless it replays old work.
if [ -z "$aip_own" ] && [ -n "$aip_head" ] && aip_has_evidence; then
  aip_go=1
  case "$GIT_REFLOG_ACTION" in rebase*|cherry-pick*|revert*) ;; *)
    if [ ! -d "$aip_rm" ]; then
      { [ -d "$aip_pd" ] || mkdir -p "$aip_pd"; } 2>/dev/null && { printf '%s\\n' "$aip_head" > "$aip_pd/claim-$aip_head"; } 2>/dev/null
    fi ;;
  esac
fi
if [ -z "$aip_go" ] && [ -n "$aip_pd" ]; then
  for aip_f in "$aip_pd"/note-* "$aip_pd"/claim-*; do [ -e "$aip_f" ] && { aip_go=1; break; }; done
fi
[ -n "$aip_go" ] && AIP_HANDED_OFF=$aip_own aip_run hook post-commit --from-hook
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
${CAS}# Provenance notes follow the rewritten commits as notes.rewriteRef would make git copy them
# (git's own code: notes.rewriteMode, notes.rewrite.<command>), but on a temporary ref moved by
# compare-and-swap, and only once the notes ref exists (git warns about a rewriteRef naming a missing
# ref). When notes.rewriteRef covers ours, git has copied them already.
aip_copy() { # command, pairs file
  aip_t=${TEMP_NOTES_REF}$$
  aip_n=0
  while [ "$aip_n" -lt 40 ]; do
    aip_n=$((aip_n + 1))
    aip_o=$(git rev-parse -q --verify ${NOTES_REF} 2>/dev/null) || return 0
    git update-ref "$aip_t" "$aip_o" 2>/dev/null || break
    GIT_NOTES_REWRITE_REF=$aip_t git notes copy --for-rewrite="$1" < "$2" >/dev/null 2>&1 || break
    aip_cas "$aip_o" && return 0
  done
  git update-ref -d "$aip_t" 2>/dev/null
  return 1
}
case " $(git config --get-all notes.rewriteRef 2>/dev/null | tr '\\n' ' ') " in
  *' ${NOTES_REF} '*|*' refs/notes/* '*|*' refs/notes/** '*|*' ${REWRITE_REF_GLOB} '*) ;;
  *) if [ -n "$aip_in" ] && [ -s "$aip_in" ]; then aip_copy "$1" "$aip_in" || aip_warn "could not copy the provenance notes of the rewritten commits"; fi ;;
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
