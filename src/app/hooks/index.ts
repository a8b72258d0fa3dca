// app/hooks — what git hooks and agent hooks run, and installing them: install/uninstall/status of
// the git hooks (hooks.ts), the commit-msg policy (policyApply.ts) with its shared context
// (hookContext.ts, lineDigest.ts), the handoff to post-commit (handoff.ts, postCommit.ts), what a
// rewrite carries over (origins.ts), the trailer the editor suggests (trailerSuggestion.ts) and an
// agent edit recorded in the working log (record.ts).
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './handoff';
export * from './hookContext';
export * from './hooks';
export * from './lineDigest';
export * from './origins';
export * from './policyApply';
export * from './postCommit';
export * from './record';
export * from './trailerSuggestion';
