// Core hashes text but implements no cryptography: SHA-256 is handed in by the shell that runs it
// (node:crypto in the CLI and the extension host, src/app/sha256.ts). Core only says what it hashes
// and how the digest is written. Pure.

/** SHA-256 of a string's UTF-8 bytes: the 32-byte digest. */
export type Sha256 = (text: string) => Uint8Array;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The digest of `text` as lower-case hex. */
export function sha256Hex(sha256: Sha256, text: string): string {
  let out = '';
  for (const byte of sha256(text)) out += HEX[byte] as string;
  return out;
}

/** The digest of `text` in standard base64 (with padding), as CSP hash sources write it. */
export function sha256Base64(sha256: Sha256, text: string): string {
  return btoa(String.fromCharCode(...sha256(text)));
}
