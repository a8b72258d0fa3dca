// Branch names agents push (`copilot/…`, `claude/…`): carried into history by merge subjects
// (`Merge pull request #12 from acme/copilot/fix-parser`, `Merge branch 'codex/x' into main`).
// Low confidence, evidence kind `branch`: a person may name a branch that way too.
import type { ToolId } from '../../model';
import type { Row } from './rows';

export interface BranchRow extends Row {
  /** Lower-case branch name prefix, with its slash. */
  prefix: string;
}

const CHAOSS = 'chaoss/disclosure detection/constants.go KnownAgentBranchPrefixes';
const row = (tool: ToolId, prefix: string, source: string): BranchRow =>
  ({ id: `branch.${prefix.slice(0, -1)}`, tool, prefix, confidence: 'low', certainty: 'U', source });

export const BRANCH_PREFIXES: readonly BranchRow[] = [
  row('copilot', 'copilot/', `${CHAOSS}; cdxgen lib/helpers/aiProvenanceCollector.js BRANCH_SIGNATURES; github-mcp-server PR #1806`),
  row('claude', 'claude/', CHAOSS),
  row('codex', 'codex/', `${CHAOSS}; cdxgen aiProvenanceCollector.js BRANCH_SIGNATURES`),
  row('cursor', 'cursor/', `${CHAOSS}; cdxgen aiProvenanceCollector.js BRANCH_SIGNATURES`),
  row('devin', 'devin/', `${CHAOSS}; cdxgen aiProvenanceCollector.js BRANCH_SIGNATURES; Devin branches devin/<epoch>-<slug>`),
  row('cline', 'cline/', CHAOSS),
  row('aider', 'aider/', CHAOSS),
  row('gemini', 'gemini/', CHAOSS),
];

/**
 * Merge subjects that name the merged branch, as GitHub, GitLab and git itself write them. Group
 * `branch` is the branch without any `owner/` or `origin/` in front; `ref` is what the subject said.
 */
export const MERGE_SUBJECTS: readonly RegExp[] = [
  /^Merge pull request #\d+ from (?<ref>[^\s/]+\/(?<branch>\S+))/,
  /^Merge (?:remote-tracking )?branch '(?<ref>(?:[^'\s/]+\/)??(?<branch>[^'\s]+))'/,
];
