// package.json and the code agree: every command id, every setting, every localized string.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../src/extension/commandIds';
import { FORMATS, MODES } from '../../src/core/policy/policySchema';
import { TOOL_IDS } from '../../src/core/model';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

describe('extension manifest', () => {
  it('declares exactly the commands the code registers, each in the AI Provenance category', () => {
    const declared = (manifest.contributes.commands as { command: string; category: string }[]);
    assert.deepEqual(declared.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
    assert.ok(declared.every((c) => c.category === 'AI Provenance'));
  });

  it('offers every policy field as a setting with the schema values', () => {
    const props = manifest.contributes.configuration[0].properties;
    assert.deepEqual(props['aiProvenance.mode'].enum, [...MODES]);
    assert.deepEqual(props['aiProvenance.format'].enum, [...FORMATS]);
    assert.deepEqual(Object.keys(props['aiProvenance.tools'].properties), [...TOOL_IDS]);
    for (const [key, p] of Object.entries(props) as [string, { scope?: string; markdownDescription?: string }][]) {
      assert.ok(p.scope, `${key} has a scope`);
      assert.ok(p.markdownDescription, `${key} has a description`);
    }
  });

  it('never activates on *, and declares limited support for untrusted workspaces', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    // vscode.git does not run in Restricted Mode: depending on it would keep us from activating there
    assert.equal(manifest.extensionDependencies, undefined);
    assert.equal(manifest.engines.vscode, '^1.100.0');
  });

  it('every %key% has a localized string, and every string is used', () => {
    const text = JSON.stringify(manifest.contributes) + JSON.stringify(manifest.capabilities);
    const used = new Set([...text.matchAll(/%([\w.-]+)%/g)].map((m) => m[1] as string));
    for (const key of used) assert.ok(nls[key], `package.nls.json has ${key}`);
    for (const key of Object.keys(nls)) assert.ok(used.has(key), `${key} is used`);
  });

  it('every inline and navigation action has a codicon (VS Code shows a title as text where the icon is missing)', () => {
    const codicons = new Set([...readFileSync(path.join(root, 'node_modules/@vscode/codicons/dist/codicon.css'), 'utf8')
      .matchAll(/\.codicon-([\w-]+):before/g)].map((m) => m[1] as string));
    const commands = new Map((manifest.contributes.commands as { command: string; icon?: unknown }[]).map((c) => [c.command, c]));
    const menus = manifest.contributes.menus as Record<string, { command?: string; submenu?: string; group?: string }[]>;
    let checked = 0;
    for (const [menu, items] of Object.entries(menus)) {
      for (const item of items) {
        const group = (item.group ?? '').split('@')[0];
        if (group !== 'inline' && group !== 'navigation') continue;
        assert.ok(item.command, `${menu}: an ${group} entry names a command`);
        const icon = commands.get(item.command)?.icon;
        assert.equal(typeof icon, 'string', `${menu} ${group}: ${item.command} has an icon`);
        const name = /^\$\(([\w-]+)\)$/.exec(icon as string)?.[1];
        assert.ok(name && codicons.has(name), `${item.command}: ${String(icon)} is a codicon`);
        checked++;
      }
    }
    assert.ok(checked >= 4, `${checked} inline/navigation actions checked`);
  });

  it('the walkthrough media exist', () => {
    for (const w of manifest.contributes.walkthroughs) {
      for (const step of w.steps) assert.ok(readFileSync(path.join(root, step.media.markdown), 'utf8').length > 20, step.id);
    }
  });
});
