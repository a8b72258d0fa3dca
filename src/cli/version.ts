// Replaced at build time by esbuild (`define`); '0.0.0-dev' when run from sources.
export const VERSION: string = process.env.AIP_VERSION ?? '0.0.0-dev';
