// app/agents — the coding agents on this machine: wiring their own hook systems (agents.ts,
// agentsState.ts for an exact uninstall), where their configuration lives (userPaths.ts), where the
// CLI is found (cliOnPath.ts), settings files edited surgically (jsoncEdit.ts), and `doctor`
// (doctor.ts, doctorSettings.ts).
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './agents';
export * from './agentsState';
export * from './cliOnPath';
export * from './doctor';
export * from './doctorSettings';
export * from './jsoncEdit';
export * from './userPaths';
