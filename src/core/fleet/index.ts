// core/fleet — many repositories in one report: the records and totals (fleet.ts) and their
// published schemas (fleetSchema.ts), the writers (fleetWriters.ts: jsonl, json; fleetHuman.ts:
// markdown, html), combining saved reports (mergeReports.ts: `ai-provenance merge`) and who a
// repository is without its path (repositoryIdentity.ts).
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './fleet';
export * from './fleetHuman';
export * from './fleetSchema';
export * from './fleetWriters';
export * from './mergeReports';
export * from './repositoryIdentity';
