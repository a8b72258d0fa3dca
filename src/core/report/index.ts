// core/report — every output format: the writer interface (writer.ts, writers.ts), summary text,
// Markdown, HTML, CSV, JSON/JSONL, SARIF, CycloneDX, in-toto, Agent Trace exports, the check
// report, the lines and blame formats, and the shapes they publish (reportSchema.ts,
// checkSchema.ts); redact.ts replaces e-mail addresses in reports meant to be shared.
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './agentTraceExport';
export * from './blameFormat';
export * from './byTable';
export * from './charts';
export * from './checkReport';
export * from './checkSchema';
export * from './csv';
export * from './csvEvidence';
export * from './cyclonedx';
export * from './exportWriters';
export * from './html';
export * from './intoto';
export * from './json';
export * from './jsonReport';
export * from './jsonSafe';
export * from './jsonl';
export * from './linesFormat';
export * from './linesSection';
export * from './markdown';
export * from './mdCell';
export * from './months';
export * from './redact';
export * from './reportSchema';
export * from './sarif';
export * from './sarifLines';
export * from './summaryText';
export * from './textWidth';
export * from './violations';
export * from './writer';
export * from './writers';
