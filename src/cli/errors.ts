// Exit codes are a contract: CI scripts and the hooks rely on them.
export const EXIT = {
  ok: 0,
  /** A policy said no (check, forbid/require decisions). */
  policy: 1,
  /** Bad usage or configuration: the command line, a settings or team file. */
  usage: 2,
  /** Git or I/O failed: the result could not be verified — never reported as clean. */
  unverifiable: 3,
} as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
