//! The WebAssembly module of the npm package `remitcost`: conversions between JavaScript values
//! and the `remitcost` core, nothing else. One file per core module, as in the Python binding.
//!
//! Conventions (one schema in every language): decimals are strings in and out; functions are
//! camelCase; data keys are snake_case exactly as in core's JSON (testdata/vectors); inputs and
//! outputs are plain objects (read and written as core's JSON forms by core's serde-free
//! `lite-json` readers and writers, `FromJson` and `ToJson`; a cost's figures cross as numbers
//! that the one hand-written JS file, src/quote.js, makes into its object). The two classes,
//! `CostTable` and `PreparedOffer` (an offer read once for many calls, issue 14), never need
//! `free()`: the wasm-bindgen glue hands their memory back when they are garbage-collected (a
//! `FinalizationRegistry`); `free()` does it at once. Core errors are thrown as a JS `Error` named
//! `RemitError` with core's stable `code`; a value of the wrong JavaScript type is a
//! `TypeError`. The hand-written TypeScript declarations are in `types/`.
//!
//! Two modules from this crate, so that a comparator page never downloads the aggregations:
//! the feature `pricing` (the package's main entry, `remitcost`: pricing, ranking, rates,
//! money, fees) and the feature `aggregate` (`remitcost/aggregate`: `group`, `indicators` and
//! their corridor forms). build.sh builds each alone; the shared conversions (`decimal`,
//! `error`) are in both.
//!
//! Left out of both, for size: core's dataset readers (RPW layout from CSV or JSON, with their
//! validation report, about 11 KB gzipped). A web page gives the aggregations observations
//! already in core's `Observation` JSON form.

#[cfg(feature = "aggregate")]
mod corridor;
#[cfg(feature = "pricing")]
mod currency;
mod decimal;
mod error;
#[cfg(feature = "pricing")]
mod fee;
#[cfg(feature = "pricing")]
mod fx;
#[cfg(feature = "aggregate")]
mod indicator;
mod json;
#[cfg(feature = "pricing")]
mod money;
#[cfg(feature = "pricing")]
mod observation;
#[cfg(feature = "pricing")]
mod quote;
#[cfg(feature = "pricing")]
mod rank;
mod read;

use wasm_bindgen::prelude::wasm_bindgen;

/// The allocator: talc, single-threaded WebAssembly, growing the module's memory as needed;
/// about 3 KB gzipped smaller than the standard library's dlmalloc (issue 14).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The package version (the crate's, kept equal to package.json's by a test).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
