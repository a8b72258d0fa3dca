// core/json — JSON helpers every layer shares: JSON Lines read with a schema (jsonLines.ts), where
// text stops being JSON without echoing it (jsonSyntax.ts), JSON text that keeps strings exact yet
// holds no character that drives or deceives a terminal (jsonText.ts).
//
// Entry file of the folder: it names the public surface. Nothing imports through it; modules
// import the file they need directly, so each bundle (and the hook path) loads only what it uses.
export * from './jsonLines';
export * from './jsonSyntax';
export * from './jsonText';
