// core/lines — line-level attribution of the code as it stands: each line's class (lineClass.ts),
// recorded line ranges indexed by commit and file (recordedIndex.ts), the per-file and per-group
// report (linesReport.ts) and its summary (linesSummary.ts), the directory tree of the Code view
// (codeTree.ts) and which files count as code (fileKind.ts). The text writers live in report/.
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './codeTree';
export * from './fileKind';
export * from './lineClass';
export * from './linesReport';
export * from './linesSummary';
export * from './recordedIndex';
