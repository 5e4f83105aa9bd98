"""The screen in front of the LibCST parse: which enabled rules can match a file.

A LibCST parse costs ~13x CPython's ``ast.parse``, and the engine parses every file
with CPython first anyway (syntax errors, and a guard for LibCST's native parser).
Most files of a real codebase cannot hold a finding, so before paying for LibCST the
screen reads that CPython tree once and records *evidence tags*: cheap, syntactic
necessary conditions of the flow facts the rules report on. A rule declares the tags
it ``needs``; it runs only if one *unit* (a top-level ``def`` or ``class``, where
the flow analysis follows values, with module-level code visible from every unit)
carries all of them.

Each tag must over-approximate what the flow analysis (``analysis/flow.py``) can
derive: a tag missing where a finding exists would hide it. ``tests/test_screen.py``
runs the rule book with and without the screen, and ``bench/screen_check.py PATH...``
a whole corpus; both must give identical findings.

The parts, each imported only by those after it: ``tags.py`` (the tags and the word
tables), ``trees.py`` (helpers on the ``ast``), ``file.py`` (what every unit needs to
know about the file: imports, module classes, functions), ``modules.py`` (which
expressions make a module), ``state.py`` (what a
module class's ``__init__`` stores: TL301's and TL302's tags), ``units.py`` (one
unit's walk and tags), ``evidence.py`` (``Evidence``: the units of a file, grouped by the
calls between them); ``without_bodies`` (``torchlint/lint/bodies.py``) makes the
text LibCST parses.
"""

from __future__ import annotations

from torchlint.lint.bodies import without_bodies
from torchlint.screen.evidence import Evidence, project_imports
from torchlint.screen.tags import (
    ACCELERATOR,
    CALLABLE_MODULE,
    CLASS,
    COMPUTE,
    CPU_DATA,
    CPU_WORD,
    CUDA_CALL,
    CUDA_LITERAL,
    CUDA_TEST,
    DATA_ASSIGN,
    DEPRECATED_AMP_CALL,
    DEVICE_NAME,
    DISCARDED_MOVE,
    FACTORY_WITHOUT_DEVICE,
    FLOAT64,
    FLOAT_CAST,
    HALF,
    HALF_CAST,
    INDEX_OP,
    INDEXLESS_TYPE,
    INIT_MODULE_CONTAINER,
    INIT_TENSOR_ATTR,
    INT64_CAST,
    INT64_COUNT,
    LATE_MODULE,
    LEGACY_CONSTRUCTOR,
    LEGACY_TYPE_CAST,
    LOSS,
    MASK_OP,
    MODULE_SOURCE,
    NARROW_CAST,
    NO_CPU_HALF_OP,
    NUMPY_CALL,
    OWN_APPLY,
    PARALLEL_WRAP,
    PARAMETER_STATE,
    PLACED_MODULE,
    SAVE,
    SETS_GPU,
    STALE_ALIAS,
    SUBMODULE_LOOP,
    TARGET_DTYPE,
    TENSOR_INDEX,
    TORCH_LOAD,
    TYPE_CAST_ARGUMENT,
)

__all__ = [
    "ACCELERATOR",
    "CALLABLE_MODULE",
    "CLASS",
    "COMPUTE",
    "CPU_DATA",
    "CPU_WORD",
    "CUDA_CALL",
    "CUDA_LITERAL",
    "CUDA_TEST",
    "DATA_ASSIGN",
    "DEPRECATED_AMP_CALL",
    "DEVICE_NAME",
    "DISCARDED_MOVE",
    "FACTORY_WITHOUT_DEVICE",
    "FLOAT64",
    "FLOAT_CAST",
    "HALF",
    "HALF_CAST",
    "INDEXLESS_TYPE",
    "INDEX_OP",
    "INIT_MODULE_CONTAINER",
    "INIT_TENSOR_ATTR",
    "INT64_CAST",
    "INT64_COUNT",
    "LATE_MODULE",
    "LEGACY_CONSTRUCTOR",
    "LEGACY_TYPE_CAST",
    "LOSS",
    "MASK_OP",
    "MODULE_SOURCE",
    "NARROW_CAST",
    "NO_CPU_HALF_OP",
    "NUMPY_CALL",
    "OWN_APPLY",
    "PARALLEL_WRAP",
    "PARAMETER_STATE",
    "PLACED_MODULE",
    "SAVE",
    "SETS_GPU",
    "STALE_ALIAS",
    "SUBMODULE_LOOP",
    "TARGET_DTYPE",
    "TENSOR_INDEX",
    "TORCH_LOAD",
    "TYPE_CAST_ARGUMENT",
    "Evidence",
    "project_imports",
    "without_bodies",
]
