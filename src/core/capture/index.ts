// core/capture — evidence as work happens and as a commit is made: the coding agents whose hooks
// we wire (agentCatalog.ts), their hook payloads turned into edits (adapters.ts, agentAdapters.ts,
// adapterFields.ts), the lines an editor burst inserted (editRanges.ts) and which AI tool VS Code
// counted (editorAiTools.ts); at commit time the staged diff (stagedDiff.ts), the working-log
// entries that belong to the commit (worklogSelect.ts) and what they back (backing.ts).
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './adapterFields';
export * from './adapters';
export * from './agentAdapters';
export * from './agentCatalog';
export * from './backing';
export * from './editRanges';
export * from './editorAiTools';
export * from './stagedDiff';
export * from './worklogSelect';
