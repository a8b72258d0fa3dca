// app/lines — line-level use cases: how much of a tree came from AI (lines.ts), the figures exports
// print (linesFigures.ts), `blame` for one file (blame.ts), the verdicts of the commits blame names
// (commitFacts.ts), recorded line ranges read from notes (recordedLines.ts), and command-line paths
// as git takes them (repoPaths.ts).
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './blame';
export * from './commitFacts';
export * from './lines';
export * from './linesFigures';
export * from './recordedLines';
export * from './repoPaths';
