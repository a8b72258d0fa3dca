// app/fleet — many repositories: `fleet` audits each (fleet.ts), from a list file or the
// repositories found under directories (fleetRepos.ts), spilling held-back output to disk when it
// grows (spillBuffer.ts); `merge` combines saved reports (merge.ts).
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './fleet';
export * from './fleetRepos';
export * from './merge';
export * from './spillBuffer';
