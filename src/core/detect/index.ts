// core/detect — what a commit says about AI, read from the commit alone: git's trailer rules
// (trailers.ts), who an identity or a name is (identify.ts, over the catalog in signatures/), AI
// markers in the lines a diff adds (diffMarkers.ts), the commit's evidence and verdict (classify.ts)
// and how autonomously the agent worked (autonomy.ts).
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './signatures';
export * from './autonomy';
export * from './classify';
export * from './diffMarkers';
export * from './identify';
export * from './trailers';
