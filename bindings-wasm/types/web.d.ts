// The browser build (`remitcost/web`, and `remitcost` outside Node.js): the same API, usable
// once the module is instantiated with the default export.
export * from "./remitcost.js";

/** Where the module comes from: its URL (default: next to the JS file), a fetch `Response`, bytes or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Fetches and instantiates the module; call (and await) once before any other function. */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> },
): Promise<unknown>;

/** Instantiates the module synchronously from its bytes or a compiled module. */
export function initSync(module: { module: BufferSource | WebAssembly.Module }): unknown;
