//! `wrapper!`: the getters and `to_dict` of a class that wraps a core value (`self.0`),
//! generated from one field list, so a binding class states which fields it shows and nothing
//! else. Its other methods are a plain `#[pymethods]` block (pyo3's `multiple-pymethods`).

/// `wrapper!(Class { fields } to_dict(KEYS));` writes a `#[pymethods]` block of `Class` (a
/// newtype over a core value, or an `Arc` of one): for each field
/// `name: PyType` a getter converting `self.0.name` with `From`, or with the closure given as
/// `name: PyType => |v| expr` (`v` is `&self.0`); with `to_dict(KEYS)`, `to_dict()` as the
/// core value's JSON form, the strings under `KEYS` as `Decimal`, and with
/// `to_dict(KEYS) and __repr__` the repr that rebuilds the object from it,
/// `Class(key=repr(value), ...)`. The `///` lines before a field or `to_dict` are its Python
/// docstring.
macro_rules! wrapper {
    (
        $class:ty {
            $( $(#[$doc:meta])* $name:ident: $out:ty $(=> |$v:ident| $body:expr)? ),* $(,)?
        }
        $($(#[$to_dict_doc:meta])* to_dict($keys:expr) $(and $repr:ident)?)?
    ) => {
        #[::pyo3::pymethods]
        impl $class {
            $(
                $(#[$doc])*
                #[getter]
                #[allow(clippy::clone_on_copy, clippy::useless_conversion)]
                fn $name(&self) -> $out {
                    $crate::fields::getter!(self, $name $(, |$v| $body)?)
                }
            )*
            $(
                $(#[$to_dict_doc])*
                fn to_dict<'py>(
                    &self,
                    py: ::pyo3::Python<'py>,
                ) -> ::pyo3::PyResult<::pyo3::Bound<'py, ::pyo3::PyAny>> {
                    $crate::decimal::to_py(py, &self.0, $keys)
                }
                $(
                    fn $repr(&self, py: ::pyo3::Python<'_>) -> ::pyo3::PyResult<String> {
                        $crate::decimal::kwargs_repr(stringify!($class), &self.to_dict(py)?)
                    }
                )?
            )?
        }
    };
}

/// The body of one `wrapper!` getter.
macro_rules! getter {
    ($s:ident, $name:ident) => {
        ::core::convert::From::from($s.0.$name.clone())
    };
    ($s:ident, $name:ident, |$v:ident| $body:expr) => {{
        let $v = &$s.0;
        $body
    }};
}

pub(crate) use {getter, wrapper};
