// What activate() returns: enough for tests and other extensions to observe the extension.
import type * as vscode from 'vscode';
import type { ProvenanceTree } from './provenanceTree';
import type { Outbound } from '../protocol/panel';
import type { WorklogEntry } from '../core/evidence/evidenceSchema';
import type { AgentHooksPrompt } from './agentHooks';
import type { PanelTiming } from './panel/provenancePanel';

export interface ReviewEvent {
  /** Repository root. */
  repo: string;
  sha: string;
  /** One line per problem, as shown to the user. */
  problems: string[];
  /** The notification's buttons, in order (empty when nothing was shown). */
  actions: string[];
  /** Why no notification was shown, when none was. */
  silent?: 'complies' | 'dismissed-for-repository' | 'review-disabled' | 'error';
}

export interface AiProvenanceApi {
  /** Resolves once the workspace's repositories are tracked. */
  ready: Promise<void>;
  /** Every review so far, oldest first. */
  reviews: readonly ReviewEvent[];
  onDidReview: vscode.Event<ReviewEvent>;
  repositories(): string[];
  tree?: ProvenanceTree;
  /** Settings warnings shown so far (invalid values, values a team lock overrides). */
  settingsWarnings?: readonly string[];
  /** Stops (or resumes) notifications for a repository, as the notification's last button does. */
  dismissRepository(root: string, dismissed?: boolean): Promise<void>;
  /** The open provenance panel: messages it sent, and delivery of (validated) webview messages. */
  panel?(): { sent: readonly Outbound[]; deliver(message: unknown): Promise<void> } | undefined;
  /** Time to first painted row and to the whole history loaded, of each panel opened (for the bench). */
  panelTimings?: readonly PanelTiming[];
  /** Decorates the active editor now; returns its decorated line numbers (1-based). */
  decorateActiveEditor?(): Promise<number[]>;
  /** Decorates the active editor; returns the mode, both levels' lines and their hovers (markdown). */
  lineDecorations?(): Promise<{ mode: string; recorded: number[]; assisted: number[]; hovers: Record<number, string> }>;
  /** The status bar item's text and tooltip (markdown). */
  statusBar?(): { text: string; tooltip: string };
  /** Runs the commit-message suggestion for a repository now; returns the lines added. */
  suggestTrailers?(root: string): Promise<string[]>;
  /** AI edits captured from VS Code's own AI-edit tracker (VS Code 1.110+ with git.addAICoAuthor on). */
  aiEdits?: {
    /** The tracker records AI edits for this repository now. */
    live(root: string): boolean;
    /** Every edit recorded so far, oldest first. */
    captured: readonly { repo: string; path: string; kind: 'inline-suggestion' | 'chat-edit'; entry: WorklogEntry }[];
    onDidCapture: vscode.Event<{ repo: string; path: string; kind: 'inline-suggestion' | 'chat-edit'; entry: WorklogEntry }>;
    /** The tracker's last answer for a document (all modes), or undefined when not asked yet. */
    counts(uri: vscode.Uri): { all?: boolean; chat?: boolean } | undefined;
  };
  /** "Install Agent Hooks…": every question it asked (items as shown, then the answer), oldest first. */
  agentHooks?: { prompts: readonly AgentHooksPrompt[]; onDidPrompt: vscode.Event<AgentHooksPrompt> };
  /** The Source Control Graph hover provider, when the git API offers one. */
  historyDetails?: {
    registered(): boolean;
    messageFor(root: string, message: string): Promise<string | undefined>;
    hoverCommands(root: string): Promise<vscode.Command[] | undefined>;
  };
}
