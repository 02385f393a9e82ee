"""Import spaCy without its command-line stack.

`spacy/__init__.py` runs `from .cli.info import info`, which imports all of `spacy.cli`: weasel,
typer, click, httpx, requests, jinja2, rich, pygments... (about 350 modules, 250 ms) that the
critic never uses. Before spaCy is first imported, this module puts a placeholder `spacy.cli`
package in `sys.modules` whose `info` loads the real one when called; once `import spacy` is done
the placeholder is taken out again, so any later `import spacy.cli` (or `spacy.cli.download`)
gets the real package as usual. When spaCy is already imported, or the guard is switched off
with BRIEF_SPACY_FULL_IMPORT=1, nothing is done.

Drop this module (and its import in critic/__init__.py) once spaCy imports its CLI lazily: then
`python -X importtime -c "import spacy"` no longer lists typer or weasel, and
tests/test_cold_start.py::test_critic_does_not_import_the_spacy_cli passes without the guard.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import Any

_OFF = "BRIEF_SPACY_FULL_IMPORT"
_NAMES = ("spacy.cli", "spacy.cli.info")


def _real_info(*args: Any, **kwargs: Any) -> Any:
    """spacy.info, loaded on first use."""
    for name in _NAMES:
        if isinstance(sys.modules.get(name), _Placeholder):
            del sys.modules[name]
    return importlib.import_module("spacy.cli.info").info(*args, **kwargs)


class _Placeholder(types.ModuleType):
    """Stands in for spacy.cli while spaCy's __init__ runs."""


def _import_spacy_without_cli() -> None:
    if "spacy" in sys.modules or os.environ.get(_OFF) == "1":
        return
    if any(name in sys.modules for name in _NAMES):
        return
    package = _Placeholder("spacy.cli")
    package.__path__ = []  # a package, so `spacy.cli.info` can be found under it
    info = _Placeholder("spacy.cli.info")
    info.info = _real_info  # type: ignore[attr-defined]
    package.info = info  # type: ignore[attr-defined]
    sys.modules.update({"spacy.cli": package, "spacy.cli.info": info})
    try:
        import spacy  # noqa: F401
    finally:
        for name in _NAMES:
            if sys.modules.get(name) is package or sys.modules.get(name) is info:
                del sys.modules[name]
        spacy_module = sys.modules.get("spacy")
        if spacy_module is not None and getattr(spacy_module, "cli", None) is package:
            delattr(spacy_module, "cli")  # `spacy.cli` then imports the real package


_import_spacy_without_cli()
