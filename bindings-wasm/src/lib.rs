//! The WebAssembly module of the npm package `remitcost`: conversions between JavaScript values
//! and the `remitcost` core, nothing else. One file per core module, as in the Python binding.
//!
//! Conventions (one schema in every language): decimals are strings in and out; functions are
//! camelCase; data keys are snake_case exactly as in core's JSON (testdata/vectors); inputs and
//! outputs are plain objects (read and written through core's serde JSON), so no caller ever
//! holds a handle that needs `free()`. Core errors are thrown as a JS `Error` named
//! `RemitError` with core's stable `code`; a value of the wrong JavaScript type is a
//! `TypeError`. The hand-written TypeScript declarations are in `types/`.
//!
//! Left out of the browser build, for its size budget (150 KB gzipped): core's dataset readers
//! (RPW layout from CSV or JSON, with their validation report, about 11 KB gzipped). A web page
//! gives the aggregations observations already in core's `Observation` JSON form.

mod corridor;
mod currency;
mod decimal;
mod error;
mod fee;
mod fx;
mod indicator;
mod money;
mod observation;
mod quote;
mod rank;

use wasm_bindgen::prelude::wasm_bindgen;

/// The package version (the crate's, kept equal to package.json's by a test).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
