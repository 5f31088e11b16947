"""Import great-expectations without what only its unused built-in expectations need.

``great_expectations.expectations.core`` imports every built-in expectation up front, and one
of them (KL divergence, which our suites never use) does ``from scipy import stats`` at module
level: ~0.5 s of a four-second import here (``python -X importtime``). ``scipy.stats`` is
registered as a lazy module first (``importlib.util.LazyLoader``): the name is in
``sys.modules``, and the module runs on its first attribute use, so any code that does use it
gets the real thing. (Its ``import altair`` cannot be deferred this way: a plain ``import``
statement reads the module's ``__spec__``, which loads it.)
"""

from __future__ import annotations

import importlib.util
import sys

DEFERRED_MODULES = ("scipy.stats",)


def defer_unused_dependencies() -> None:
    """Register the modules great-expectations imports but we never call as lazy ones."""
    for name in DEFERRED_MODULES:
        _defer(name)


def _defer(name: str) -> None:
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:  # not installed: great-expectations copes or fails
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
