"""Importing one module of a package whose `__init__` imports far more than that module needs.

TextBlob's `__init__` imports NLTK (and through it SciPy's statistics, about 1 s) though its sentiment analyser is
plain Python; datasketch's imports every sketch it has (SciPy's integration among them, about 0.4 s) though the
near-duplicate index uses MinHash alone. Every process that analyses or indexes pays that once: each worker of a
parallel ingest, the CLI's parent. `submodule` imports the module with the package registered but its `__init__`
deferred until something asks the package for a name it lacks (PEP 562's module `__getattr__`): then the
`__init__` runs in the same module object, so a later `from textblob import TextBlob` gets the whole package and
the very module objects imported here.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from types import ModuleType

_LOCK = threading.RLock()


def submodule(package: str, name: str) -> ModuleType:
    """`package.name`, imported without running `package`'s `__init__` if the package is not imported yet."""
    with _LOCK:
        if package not in sys.modules:
            _register_deferred(package)
    return importlib.import_module(f"{package}.{name}")


def _register_deferred(package: str) -> ModuleType:
    """`package` in sys.modules with its search path set and its `__init__` not run: the first name asked of it
    that it lacks runs the `__init__` in the same module object, and is then looked up again."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        raise ModuleNotFoundError(f"No package named {package!r}", name=package)
    module = importlib.util.module_from_spec(spec)

    def complete(attribute: str):
        with _LOCK:
            if "__getattr__" in vars(module):
                del module.__getattr__
                spec.loader.exec_module(module)
        return getattr(module, attribute)

    module.__getattr__ = complete
    sys.modules[package] = module
    return module
