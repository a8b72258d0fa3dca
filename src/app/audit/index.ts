// app/audit — the audit use case: runAudit (audit.ts) with its request and sink (auditRequest.ts),
// the Auditor that streams and classifies or replays from the cache (auditor.ts), the cache opened
// for one run (auditCacheOpen.ts), one audited commit as handed out (auditedCommit.ts), and the
// recorded evidence (notes, git-ai, Agent Trace) read up front (provenanceNotes.ts).
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './audit';
export * from './auditCacheOpen';
export * from './auditRequest';
export * from './auditedCommit';
export * from './auditor';
export * from './provenanceNotes';
