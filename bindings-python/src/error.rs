//! core's `Error` as the Python exception `remitcost.RemitError`.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(
    remitcost,
    RemitError,
    PyValueError,
    "An error from remitcost. `code` is the stable machine-readable kind, the same string as \
     the Rust core's `Error::code()` and the JavaScript `RemitError.code` (e.g. \
     \"invalid_rate\", \"unknown_currency\", \"invalid_decimal\")."
);

/// core's error, local to this crate so that it can convert into `PyErr` (the orphan rule).
pub struct Error(pub remitcost::Error);

impl From<remitcost::Error> for Error {
    fn from(err: remitcost::Error) -> Self {
        Error(err)
    }
}

impl From<Error> for PyErr {
    fn from(Error(err): Error) -> PyErr {
        Python::attach(|py| {
            let py_err = RemitError::new_err(err.to_string());
            if let Err(set) = py_err.value(py).setattr("code", err.code()) {
                return set;
            }
            py_err
        })
    }
}

/// `Result` whose error converts to `RemitError`.
pub type Result<T> = std::result::Result<T, Error>;
