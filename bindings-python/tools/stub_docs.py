"""Writes the native module's docstrings into its stub, so editors (which read the ``.pyi``, not
the compiled module) show them on hover.

The docstrings are written once, as ``///`` comments on the Rust items (pyo3 makes them the
``__doc__`` that ``help()`` and the doctests read); this script copies each class's, function's,
method's and property's ``__doc__`` from the installed ``remitcost._remitcost`` into
``python/remitcost/_remitcost.pyi`` in its place, replacing the stub's docstring if it has one.
Dunder methods keep none (theirs are CPython's).

Usage: python bindings-python/tools/stub_docs.py [--check]
  --check  change nothing; exit 1 if the stub's docstrings differ from the module's (CI).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import Optional

import remitcost._remitcost as native

STUB = Path(__file__).resolve().parents[1] / "python" / "remitcost" / "_remitcost.pyi"

# (start line, start column, end line, end column, text): a span of the stub to replace,
# lines 1-based and columns 0-based in UTF-8 bytes, as `ast` gives them.
Edit = tuple[int, int, int, int, str]


def quoted(doc: str, indent: int) -> str:
    """`doc` as a docstring literal whose continuation lines are indented by `indent`."""
    lines = doc.strip("\n").split("\n")
    prefix = "r" if "\\" in doc else ""
    if len(lines) == 1:
        return f'{prefix}"""{lines[0]}"""'
    pad = " " * indent
    body = "\n".join((pad + line) if line.strip() else "" for line in lines[1:])
    return f'{prefix}"""{lines[0]}\n{body}\n{pad}"""'


def runtime_doc(owner: object, name: str) -> Optional[str]:
    obj = vars(owner).get(name) if isinstance(owner, type) else getattr(owner, name, None)
    doc = getattr(obj, "__doc__", None) if obj is not None else None
    if isinstance(obj, staticmethod):
        doc = obj.__func__.__doc__
    return doc if isinstance(doc, str) and doc.strip() else None


def docstring_edit(node: ast.ClassDef | ast.FunctionDef, doc: str, lines: list[bytes]) -> Edit:
    """The edit that gives `node` the docstring `doc`."""
    first = node.body[0]
    indent = node.col_offset + 4
    text = quoted(doc, indent)
    has_doc = (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    )
    end_line, end_col = first.end_lineno or first.lineno, first.end_col_offset or 0
    if has_doc:
        return (first.lineno, first.col_offset, end_line, end_col, text)
    if isinstance(node, ast.FunctionDef):
        # `def f(...) -> T: ...`: the `...` becomes the docstring, on its own line.
        header = lines[first.lineno - 1][: first.col_offset].rstrip()
        if header.endswith(b":"):
            return (first.lineno, len(header), end_line, end_col, "\n" + " " * indent + text)
        return (first.lineno, first.col_offset, end_line, end_col, text)
    start = min([first.lineno] + [d.lineno for d in getattr(first, "decorator_list", [])])
    return (start, 0, start, 0, " " * indent + text + "\n")


def edits(tree: ast.Module, lines: list[bytes]) -> list[Edit]:
    out: list[Edit] = []
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            doc = runtime_doc(native, node.name)
            if doc:
                out.append(docstring_edit(node, doc, lines))
        if isinstance(node, ast.ClassDef) and hasattr(native, node.name):
            cls = getattr(native, node.name)
            for member in node.body:
                if isinstance(member, ast.FunctionDef) and not member.name.startswith("__"):
                    doc = runtime_doc(cls, member.name)
                    if doc:
                        out.append(docstring_edit(member, doc, lines))
    return out


def apply(text: bytes, changes: list[Edit]) -> bytes:
    starts = [0]
    for line in text.split(b"\n"):
        starts.append(starts[-1] + len(line) + 1)
    for l0, c0, l1, c1, new in sorted(changes, reverse=True):
        a, b = starts[l0 - 1] + c0, starts[l1 - 1] + c1
        text = text[:a] + new.encode() + text[b:]
    return text


def main() -> int:
    check = sys.argv[1:] == ["--check"]
    current = STUB.read_bytes()
    updated = apply(current, edits(ast.parse(current), current.split(b"\n")))
    if updated == current:
        return 0
    if check:
        print(f"{STUB} lacks the module's docstrings: run {Path(__file__).name}", file=sys.stderr)
        return 1
    STUB.write_bytes(updated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
