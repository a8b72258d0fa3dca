// core/policy — what may be written: the policy schema (policySchema.ts; its team file's JSON Schema,
// teamFileSchema.ts), the effective policy and its digest (policyResolve.ts, policyDigest.ts),
// applying it to a message (policy.ts) with the attribution lines it classifies (attribution.ts),
// the trailers we write (trailerWriter.ts) and line-exact message edits (messageEdit.ts,
// messageCleanup.ts: git's cleanup, messageDiff.ts: `fix --dry-run`), and the kernel's
// `Assisted-by:` grammar check (kernelGrammar.ts).
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './attribution';
export * from './kernelGrammar';
export * from './messageCleanup';
export * from './messageDiff';
export * from './messageEdit';
export * from './policy';
export * from './policyDigest';
export * from './policyResolve';
export * from './policySchema';
export * from './teamFileSchema';
export * from './trailerWriter';
