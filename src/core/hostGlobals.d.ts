// The web-platform globals src/core may use: both of its hosts have them (Node >= 20 and the
// webview's browser). tsconfig.core.json loads neither lib.dom nor @types/node, so core sees these
// and no others. Only the signatures core calls; the other projects take the full ones from their libs.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare function btoa(data: string): string;
