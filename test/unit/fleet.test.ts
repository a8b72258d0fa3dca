// Fleet figures: summaries and months of many repositories combine exactly as one accumulator over
// all their commits; the writers' documents match the published schemas.
import { strict as assert } from 'node:assert';
import { fleetRecordJson, fleetTotals, mergeLines, mergeMonths, mergeSummaries, type RepositoryEntry } from '../../src/core/fleet/fleet';
import { FleetRecordSchema, FleetReportSchema } from '../../src/core/fleet/fleetSchema';
import { auditJson } from '../../src/core/history/auditJson';
import type { CommitAudit, ToolId, Verdict } from '../../src/core/model';
import { createFleetWriter } from '../../src/core/fleet/fleetWriters';
import { sha256 } from '../../src/app/sha256';
import { MonthAccumulator } from '../../src/core/report/months';
import { summarize } from '../../src/core/history/summary';

let seed = 7;
const random = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

function audit(i: number): CommitAudit {
  const verdict: Verdict = (['assisted', 'unverified', 'none'] as const)[random(3)] as Verdict;
  const tools: ToolId[] = verdict === 'none' ? [] : [(['claude', 'copilot', 'aider'] as const)[random(3)] as ToolId];
  const who = { name: `Person ${random(5)}`, email: `p${random(5)}@Example.com` };
  const day = `2026-0${1 + random(4)}-1${random(9)}T1${random(9)}:00:00+0${random(3)}:00`;
  return {
    sha: i.toString(16).padStart(40, '0'), parents: [], author: who, committer: who, date: day, committerDate: day,
    subject: `c${i}`, assisted: verdict === 'assisted', verdict, tools, models: verdict === 'assisted' ? [`m${random(2)}`] : [],
    evidence: tools.map((tool) => ({ kind: 'trailer' as const, tool, confidence: 'high' as const, detail: 'x', signature: 's' })),
  };
}

describe('fleet figures', () => {
  it('merged summaries and months equal one accumulator over all the commits', () => {
    for (let round = 0; round < 20; round++) {
      const all = Array.from({ length: 1 + random(60) }, (_, i) => audit(i));
      const groups: CommitAudit[][] = [[], [], []];
      for (const a of all) groups[random(3)]?.push(a);
      const ordered = groups.flat();
      assert.deepEqual(mergeSummaries(groups.map((g) => summarize(g))), summarize(ordered));
      const months = (list: CommitAudit[]) => {
        const m = new MonthAccumulator();
        for (const a of list) m.add(a);
        return m.result();
      };
      assert.deepEqual(mergeMonths(groups.map(months)), months(ordered));
    }
  });

  it('adds line figures only when some repository has them', () => {
    assert.equal(mergeLines([undefined, undefined]), undefined);
    assert.deepEqual(mergeLines([{ ai: 3, human: 1 }, undefined, { ai: 2, unknown: 5 }]), { ai: 5, human: 1, unknown: 5 });
  });

  it('json writer: a document valid against FleetReportSchema; records valid against FleetRecordSchema', () => {
    const commits = [audit(1), audit(2), audit(3)];
    const entries: RepositoryEntry[] = [
      { repository: 'https://example.com/a.git', head: 'a'.repeat(40), shallow: false,
        generator: { name: 'ai-provenance', version: '1', engine: 2, catalog: 2 },
        query: { revs: [], all: false, paths: [], diffs: true }, summary: summarize(commits), lines: { ai: 10 } },
      { repository: 'b', unverifiable: 'not a git repository' },
    ];
    const writer = createFleetWriter('json', sha256);
    let text = writer.begin({ generator: { name: 'ai-provenance', version: '1', engine: 2, catalog: 2 } });
    for (const c of commits) {
      const record = fleetRecordJson('https://example.com/a.git', auditJson(c));
      assert.ok(FleetRecordSchema.safeParse(JSON.parse(record)).success, record);
      text += writer.record(record);
    }
    const m = new MonthAccumulator();
    for (const c of commits) m.add(c);
    text += writer.end(fleetTotals(entries, [m.result()]));
    const doc = JSON.parse(text) as unknown;
    const parsed = FleetReportSchema.safeParse(doc);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues[0]));
    assert.deepEqual((doc as { lines: unknown }).lines, { ai: 10 });
    const md = createFleetWriter('markdown', sha256);
    md.begin({ generator: { name: 'ai-provenance', version: '1', engine: 2, catalog: 2 } });
    const out = md.end(fleetTotals(entries, [m.result()]));
    assert.ok(out.includes('## Lines') && out.includes('| Lines |'), 'the line-figure seam shows when present');
    assert.ok(out.includes('- b: not a git repository'));
  });
});
