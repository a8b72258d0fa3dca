// core/history — an audit over history: git's default order reproduced (walk.ts), the canonical
// JSON of one commit's audit (auditJson.ts), aggregates over a stream of audits (summary.ts), and
// the provenance panel's paged history model and chart data (historyModel.ts, historyCharts.ts).
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './auditJson';
export * from './historyCharts';
export * from './historyModel';
export * from './summary';
export * from './walk';
