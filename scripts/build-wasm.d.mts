/** A WebAssembly text module of src/ and the TypeScript module its bytes are generated into. */
export interface WatModule {
  wat: string;
  ts: string;
  constant: string;
}
export const MODULES: readonly WatModule[];
/** A module's bytes, base64, compiled from its .wat (a path from the checkout's root). */
export function compileWat(wat: string): Promise<string>;
/** The text of the module's generated .ts for those bytes. */
export function generatedSource(module: WatModule, base64: string): string;
