// The SHA-256 core is given (core/digest.ts): node:crypto, for the CLI and the extension host alike.
import { createHash } from 'node:crypto';
import type { Sha256 } from '../core/digest';

export const sha256: Sha256 = (text) => createHash('sha256').update(text, 'utf8').digest();
