// Verdict counts of a CLI build on a repository, and, when the repository was made by
// genFamilies.mjs, agreement with its labels (per family). Compares builds: run it once with the
// main branch's dist/cli.js and once with this branch's.
//   node test/bench/familyCounts.mjs --cli dist/cli.js --repo DIR [--json]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { LABELS_FILE } from './genFamilies.mjs';
import { gitEnv } from './genRepo.mjs';

const { values } = parseArgs({ options: { cli: { type: 'string' }, repo: { type: 'string' }, json: { type: 'boolean' } } });
if (!values.cli || !values.repo) throw new Error('usage: familyCounts.mjs --cli dist/cli.js --repo DIR');

const r = spawnSync(process.execPath, [path.resolve(values.cli), 'audit', '--repo', values.repo, '--format', 'jsonl', '--no-cache'],
  { env: gitEnv(), encoding: 'utf8', maxBuffer: 1 << 30 });
if (r.status !== 0) throw new Error(r.stderr);
const audits = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
let labels = {};
try {
  labels = JSON.parse(fs.readFileSync(path.join(values.repo, '.git', LABELS_FILE), 'utf8'));
} catch {
  // not a generated family corpus: verdict counts only
}

const verdicts = { assisted: 0, unverified: 0, none: 0 };
const extra = { empty: 0, messageOnly: 0, branch: 0 };
const confusion = { ai: { assisted: 0, unverified: 0, none: 0 }, unverified: { assisted: 0, unverified: 0, none: 0 }, human: { assisted: 0, unverified: 0, none: 0 } };
const misses = {};
for (const a of audits) {
  verdicts[a.verdict]++;
  if (a.empty) extra.empty++;
  if (a.evidence.some((e) => e.kind === 'branch')) extra.branch++;
  if (a.verdict === 'assisted' && a.evidence.every((e) => e.sticky || e.scope === 'message')) extra.messageOnly++;
  const l = labels[a.sha];
  if (!l) continue;
  confusion[l.label][a.verdict]++;
  const right = (l.label === 'ai' && a.verdict === 'assisted') || (l.label === 'human' && a.verdict === 'none') || (l.label === 'unverified' && a.verdict === 'unverified');
  if (!right) misses[l.family] = (misses[l.family] ?? 0) + 1;
}
const result = { commits: audits.length, verdicts, ...extra, ...(Object.keys(labels).length ? { confusion, misses } : {}) };
process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`);
