// app/export — a range's audit in an interchange format (export.ts) and signed in-toto attestations
// (attest.ts: sign and verify).
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './attest';
export * from './export';
