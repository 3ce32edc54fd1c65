/** The lookup scan's module bytes, base64, compiled from src/ingest/lookup-scan.wat. */
export function compileLookupScan(): Promise<string>;
/** The text of src/ingest/lookup-scan-wasm.ts for those bytes. */
export function generatedSource(base64: string): string;
