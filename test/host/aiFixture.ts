// Real AI edits in a real VS Code, offline: drives the test-only AI extension
// (test/host/fixtures/ai-extension, loaded in the "coauthor" run) and asks VS Code's own tracker.
import * as vscode from 'vscode';
import { strict as assert } from 'node:assert';
import { until } from './wait';

export interface AiFixture {
  setInlineCompletion(text: string | undefined): void;
  setChatEdit(edit: { uri: string; line: number; text: string } | undefined): void;
  readonly chatRequests: number;
  readonly lastChatError?: string;
}

export const FIXTURE_ID = 'aip-test.ai-fixture';

export async function aiFixture(): Promise<AiFixture> {
  const ext = vscode.extensions.getExtension<AiFixture>(FIXTURE_ID);
  assert.ok(ext, `${FIXTURE_ID} is loaded next to AI Provenance (coauthor run)`);
  return ext.activate();
}

/** VS Code's tracker: does any of these documents have AI contributions? */
export async function trackerCounts(uris: vscode.Uri[], mode: 'all' | 'chatAndAgent' = 'all'): Promise<boolean> {
  return (await vscode.commands.executeCommand<boolean>('_aiEdits.hasAiContributions', uris, mode)) === true;
}

/** Shows the document with the cursor at (line, character), 0-based. */
export async function showAt(document: vscode.TextDocument, line: number, character = 0): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  editor.selection = new vscode.Selection(line, character, line, character);
  return editor;
}

/** Accepts the fixture's inline suggestion `text` at (line, character), as Tab would; retried until it is in the document. */
export async function acceptInlineSuggestion(fixture: AiFixture, document: vscode.TextDocument, line: number, character: number, text: string): Promise<void> {
  const before = document.getText();
  fixture.setInlineCompletion(text);
  try {
    await until(`the inline suggestion "${text.split('\n')[0]}" accepted in ${vscode.workspace.asRelativePath(document.uri)}`, async () => {
      if (document.getText() !== before) return true;
      await showAt(document, line, character);
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      // the suggestion shows once the provider answered: commit as soon as the document can take it
      return until('the suggestion to be committed', async () => {
        await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
        return document.getText() !== before;
      }, 1_500).catch(() => false);
    }, 20_000);
  } finally {
    fixture.setInlineCompletion(undefined);
  }
  assert.ok(document.getText().includes(text), `the accepted text is in the document:\n${document.getText()}`);
}

/** Asks the fixture's chat participant (@aiptest) to insert `text` before `line`; resolves once it is in the document. */
export async function chatEdit(fixture: AiFixture, document: vscode.TextDocument, line: number, text: string): Promise<void> {
  const before = fixture.chatRequests;
  fixture.setChatEdit({ uri: document.uri.toString(), line, text });
  await vscode.commands.executeCommand('workbench.action.chat.open', {
    query: '@aiptest insert the line', isPartialQuery: false,
    // the default model is always Copilot's: name the fixture's language model
    modelSelector: { vendor: 'aip-test', id: 'aip-test-model' },
  });
  await until('the chat participant to handle the request', () => fixture.chatRequests > before || undefined, 20_000);
  assert.equal(fixture.lastChatError, undefined, 'the chat participant made its edit');
  await until(`the chat edit in ${vscode.workspace.asRelativePath(document.uri)}`, () => document.getText().includes(text), 20_000);
  fixture.setChatEdit(undefined);
}

/**
 * Resolves once VS Code's tracker keeps counting an AI edit: it is rebuilt from scratch when the chat
 * setup's context settles after start-up (and when its settings change), which forgets earlier edits.
 * The canary is an accepted suggestion in an untitled document, counted for STABLE_MS in a row.
 */
export async function trackerSettled(fixture: AiFixture, stableMs = 3_000): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ content: 'canary\n' });
  let since = 0;
  let attempt = 0;
  await until('VS Code\'s AI-edit tracker to keep counting a canary AI edit', async () => {
    if (!(await trackerCounts([document.uri]))) {
      since = 0;
      await acceptInlineSuggestion(fixture, document, 1, 0, `canary${++attempt}();`);
      return false;
    }
    since ||= Date.now();
    return Date.now() - since >= stableMs;
  }, 60_000);
  await showAt(document, 0);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}
