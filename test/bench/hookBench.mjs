// Bench case e: what the installed hooks add to `git commit`, against a bare `node -e 0` start.
// Two commits are measured: an ordinary one (the shims decide in sh that there is nothing to do)
// and one with recorded AI evidence and a Claude trailer (node runs the policy once in commit-msg;
// post-commit attaches the prepared note with git alone). Targets: an ordinary commit's hooks add
// ≤ 0.5× a node start (they read the staged diff in sh: git diff | head -c | grep), the commit with
// evidence ≤ 1.5×.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function timed(cmd, args, opts) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

export async function measureHookOverhead(ctx) {
  const runs = Math.max(ctx.runs, 15);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-bench-hooks-'));
  const env = { ...ctx.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.invalid' };
  const git = (args) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  const cli = (args) => execFileSync(process.execPath, [ctx.cli, ...args], { cwd: dir, env, encoding: 'utf8' });
  try {
    git(['init', '-q', '-b', 'main']);
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, `f${i}.txt`), `line ${i}\n`);
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'base']);
    const msgPlain = path.join(dir, '.git', 'MSG_PLAIN');
    const msgAi = path.join(dir, '.git', 'MSG_AI');
    fs.writeFileSync(msgPlain, 'Change a file\n');
    fs.writeFileSync(msgAi, 'Change a file\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\n');
    let n = 0;
    const commit = (msg, record) => {
      const file = `f${n++ % 20}.txt`;
      fs.appendFileSync(path.join(dir, file), `edit ${n}\n`);
      git(['add', file]);
      if (record) cli(['record', '--tool', 'claude', '--model', 'claude-opus-4-6', '--file', file]);
      return timed('git', ['commit', '-q', '-F', msg], { cwd: dir, env });
    };
    const node0 = [], plain = [], hookedPlain = [], hookedAi = [];
    for (let i = 0; i < 3; i++) { timed(process.execPath, ['-e', '0'], {}); commit(msgPlain, false); } // warm-up
    for (let i = 0; i < runs; i++) {
      ctx.log(`  e: run ${i + 1}/${runs} (no hooks)`);
      node0.push(timed(process.execPath, ['-e', '0'], {}));
      plain.push(commit(msgPlain, false));
    }
    cli(['hooks', 'install']);
    commit(msgPlain, false);
    commit(msgAi, true);
    for (let i = 0; i < runs; i++) {
      ctx.log(`  e: run ${i + 1}/${runs} (hooks)`);
      hookedPlain.push(commit(msgPlain, false));
      hookedAi.push(commit(msgAi, true));
    }
    const notes = git(['notes', '--ref=ai-provenance', 'list']).trim().split('\n').filter(Boolean).length;
    const node = median(node0);
    const base = median(plain);
    const row = (metric, samples, note, target) => ({
      metric, ours: median(samples) - base, base: node, ratio: (median(samples) - base) / node, unit: 'ms',
      samples: { ours: samples, base: node0, withoutHooks: plain }, note, ...(target ? { target } : {}),
    });
    return [
      row('e. hooks overhead, ordinary commit (vs node -e 0)', hookedPlain,
        `git commit ${base.toFixed(1)} ms without hooks, ${median(hookedPlain).toFixed(1)} ms with; node -e 0 ${node.toFixed(1)} ms`,
        { max: 0.5, of: 'ratio' }),
      row('e. hooks overhead, commit with recorded evidence + trailer (vs node -e 0)', hookedAi,
        `${median(hookedAi).toFixed(1)} ms with hooks; ${notes} provenance notes attached`),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
