// app/review — commits checked against the policy: the CI gate `check` (check.ts) and the review of
// each new commit in the editor, with its one-commit fix (commitReview.ts).
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './check';
export * from './commitReview';
