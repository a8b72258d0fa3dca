// core/evidence — recorded evidence and how it is read: the working log and provenance-note schemas
// (evidenceSchema.ts), other tools' notes (gitAiNote.ts: git-ai; agentTrace.ts: Agent Trace;
// peerNotes.ts), all of them as Evidence (noteEvidence.ts), and how records name lines
// (lineRanges.ts, lineDigest.ts).
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './agentTrace';
export * from './evidenceSchema';
export * from './gitAiNote';
export * from './lineDigest';
export * from './lineRanges';
export * from './noteEvidence';
export * from './peerNotes';
