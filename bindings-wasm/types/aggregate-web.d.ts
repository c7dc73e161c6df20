// The browser build of the aggregation module (`remitcost/aggregate/web`, and
// `remitcost/aggregate` outside Node.js): the same API, usable once this module is instantiated
// with its default export (its own instance, apart from the main module's).
export * from "./aggregate.js";
import type { InitInput } from "./web.js";

/** Fetches and instantiates the module; call (and await) once before any other function. */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> },
): Promise<unknown>;

/** Instantiates the module synchronously from its bytes or a compiled module. */
export function initSync(module: { module: BufferSource | WebAssembly.Module }): unknown;
