// app/fix — `ai-provenance fix`: the messages the commit-msg hook would have made (fixMessages.ts),
// which commits get new messages and ids (fixPlan.ts), and writing the plan (fixApply.ts).
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './fixApply';
export * from './fixMessages';
export * from './fixPlan';
