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
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator, Sequence

from torchlint.analysis.facts import MODULE_BASES as _MODULE_BASES
from torchlint.analysis.flow import _FACTORIES as _FLOW_FACTORIES
from torchlint.analysis.torch_api import (
    FACTORY_FUNCTIONS,
    LEGACY_TENSOR_TYPES,
    LOSSES,
    MODEL_LOADERS,
    NUMPY_CONVERSIONS,
    TENSOR_ATTRIBUTE_FACTORIES,
    TENSOR_METHODS,
    makes_module,
)
from torchlint.source import LINE_BREAK

# Tags (the vocabulary rules declare in ``needs``).
MODULE_SOURCE = "module-source"  # what can make a module: nn.X(...), a class, from_pretrained
PLACED_MODULE = "placed-module"  # such a module (or a moved unknown) placed on a device
LATE_MODULE = "late-module"  # a module attached to something that was moved
ACCELERATOR = "accelerator"  # any evidence of a device: .to(, .cuda(, device=, prepare
HALF = "half"  # float16 / bfloat16 spelled somewhere
FLOAT64 = "float64"  # made or cast to float64: .double(), dtype=torch.float64, numpy data
CPU_WORD = "cpu-word"  # the word "cpu": a name, an attribute, a string
LOSS = "loss"  # a loss torch checks the target of (torch_api.LOSSES)
NUMPY_CALL = "numpy-call"  # t.numpy(), np.asarray(t)
CALLABLE_MODULE = "callable-module"  # a module made here, or a moved value called
DISCARDED_MOVE = "discarded-move"  # a bare `x.to(device)` statement
STALE_ALIAS = "stale-alias"  # x = x.to(device) where x also has another name
HALF_CAST = "half-cast"  # something made or cast to float16 / bfloat16
TORCH_LOAD = "torch-load"  # torch.load(...) through any alias
SAVE = "save"  # torch.save(...), x.save(...), save_checkpoint(...): writes a file
PARALLEL_WRAP = "parallel-wrap"  # DataParallel / DDP / FSDP(...) through any alias
CLASS = "class"  # a class is defined in the unit
FACTORY_WITHOUT_DEVICE = "factory-without-device"  # torch.zeros(...) without device=
CUDA_LITERAL = "cuda-literal"  # .cuda() or "cuda" / "cuda:0"
DEVICE_NAME = "device-name"  # a name or parameter called `device`
TYPE_CAST_ARGUMENT = "type-cast-argument"  # f(x.type(dtype)): a cast passed straight on
LEGACY_TYPE_CAST = "legacy-type-cast"  # x.type(torch.cuda.HalfTensor), x.type(y.type())
NARROW_CAST = "narrow-cast"  # made or cast to int32 / int16 / int8 / uint8
CPU_DATA = "cpu-data"  # a tensor made on the CPU: torch.zeros(...), tokenizer output
LEGACY_CONSTRUCTOR = "legacy-constructor"  # torch.FloatTensor(...) and friends
INIT_TENSOR_ATTR = "init-tensor-attr"  # self.x = torch.zeros(...) in __init__
INIT_MODULE_CONTAINER = "init-module-container"  # self.x = [...] in __init__
OPTIMIZER_BUILT = "optimizer-built"  # torch.optim.X(...)

_MOVES = frozenset({"to", "cuda", "to_empty"})
# flow.py: ("to", "cuda", "cpu", *_CAST_METHODS, *_TENSOR_ONLY_CASTS)
_DISCARDABLE = frozenset(
    "to cuda cpu half float bfloat16 double long int bool short byte char".split()
)
_HALF_WORDS = frozenset({"float16", "bfloat16", "half", "HalfTensor", "BFloat16Tensor"})
_FLOAT64_WORDS = frozenset({"float64", "double", "float_", "DoubleTensor"})
_NARROW_WORDS = frozenset(
    {"int32", "int16", "int8", "uint8", "IntTensor", "ShortTensor", "CharTensor", "ByteTensor"}
)
# torch.int, x.int(), x.byte(): as attributes only (``int`` alone is the builtin)
_NARROW_ATTRIBUTES = frozenset({"int", "short", "char", "byte"})
_LOSS_WORDS = frozenset(q.rsplit(".", 1)[-1] for q in LOSSES)
_PLACING_KEYWORDS = frozenset(
    {"device", "device_map", "load_in_8bit", "load_in_4bit", "quantization_config"}
)
_DTYPE_KEYWORDS = frozenset({"dtype", "torch_dtype"})
_FROM_NUMPY = frozenset({"torch.tensor", "torch.as_tensor", "torch.from_numpy"})
_CONTAINERS = (ast.List, ast.Tuple, ast.ListComp, ast.GeneratorExp, ast.Dict, ast.DictComp)


def _word_tags() -> dict[str, frozenset[str]]:
    """Names, attributes and short strings that are evidence, and of what. Exact
    words: the flow analysis knows dtypes by their torch/numpy names only."""
    table: dict[str, set[str]] = {}
    for words, tag in (
        (_HALF_WORDS, HALF),
        (_LOSS_WORDS, LOSS),
        ({"cpu"}, CPU_WORD),
    ):
        for word in words:
            table.setdefault(word, set()).add(tag)
    return {word: frozenset(tags) for word, tags in table.items()}


_WORD_TAGS = _word_tags()


# Fields that never hold a node worth visiting: contexts and operators (singletons,
# half the nodes of a tree), and the identifiers and flags that are plain values.
_SKIPPED_FIELDS = frozenset(
    """ctx op type_comment type_ignores id attr arg name module level kind is_async simple
    conversion asname""".split()
)
_FIELDS: dict[type, tuple[str, ...]] = {ast.Constant: (), ast.Name: (), ast.alias: ()}


def _fields_of(node: ast.AST) -> tuple[str, ...]:
    names = _FIELDS.get(type(node))
    if names is None:
        names = _FIELDS[type(node)] = tuple(f for f in node._fields if f not in _SKIPPED_FIELDS)
    return names


def _walk(root: ast.AST) -> Iterator[ast.AST]:
    """Every node under ``root``, in no particular order: ``ast.walk`` without its
    generators, and without the ``ctx``/``op`` singletons (half the nodes)."""
    stack: list[object] = [root]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        node = pop()
        if not isinstance(node, ast.AST):
            continue  # an identifier in a list (global a, b), None in a dict's keys
        yield node
        for name in _fields_of(node):
            value = getattr(node, name, None)
            if type(value) is list:
                extend(value)
            elif value is not None:
                push(value)


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Module-level statements, into ``if``/``try`` blocks (guarded imports)."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, ast.If):
            yield from _top_level(stmt.body)
            yield from _top_level(stmt.orelse)
        elif isinstance(stmt, ast.Try):
            yield from _top_level(stmt.body)
            for handler in stmt.handlers:
                yield from _top_level(handler.body)
            yield from _top_level(stmt.orelse)
            yield from _top_level(stmt.finalbody)


def _dotted(node: ast.AST) -> str | None:
    kind = type(node)
    if kind is ast.Name:
        return node.id  # type: ignore[attr-defined, no-any-return]
    if kind is not ast.Attribute:
        return None
    parts = []
    while type(node) is ast.Attribute:
        parts.append(node.attr)  # type: ignore[attr-defined]
        node = node.value  # type: ignore[attr-defined]
    if type(node) is not ast.Name:
        return None
    parts.append(node.id)  # type: ignore[attr-defined]
    return ".".join(reversed(parts))


def _writes_file(last: str) -> bool:
    """A call analysis/saves.py counts as a save, by its last name."""
    last = last.lower()
    return last == "save" or last.endswith("_save") or last.startswith("save_checkpoint")


def _last(node: ast.AST) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _words(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Name):
        return {node.id}
    if isinstance(node, ast.Attribute):
        return {node.attr}
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    return set()


def _dtype_like(node: ast.expr) -> bool:
    """Surely a dtype, not a device: ``torch.float16``, ``x.dtype``, ``self.dtype``."""
    word = _last(node)
    return word is not None and (
        "dtype" in word.lower() or word in _HALF_WORDS or word.startswith(("float", "int"))
    )


def _is_device_move(call: ast.Call) -> bool:
    """``.cuda()``, or ``.to(...)`` with anything that may be a device (a call with
    only a dtype changes no device: nothing is moved)."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in _MOVES:
        return False
    if func.attr != "to":
        return True
    if any(k.arg is None or k.arg == "device" for k in call.keywords):
        return True
    return any(not _dtype_like(a) for a in call.args)


def _sources(value: ast.expr) -> Iterator[str]:
    """The names whose value an assignment may copy: ``a`` of ``b = a``,
    ``b = a if c else d``, ``b = a or d``, ``x, y = a, d`` (not ``a`` of ``a.shape``)."""
    path = _dotted(value)
    if path is not None:
        yield path
    elif isinstance(value, ast.IfExp):
        yield from _sources(value.body)
        yield from _sources(value.orelse)
    elif isinstance(value, ast.BoolOp):
        for item in value.values:
            yield from _sources(item)
    elif isinstance(value, (ast.Tuple, ast.List)):
        for item in value.elts:
            yield from _sources(item)
    elif isinstance(value, ast.Starred):
        yield from _sources(value.value)


def _is_type_cast(node: ast.expr) -> bool:
    """``x.type(arg)`` / ``x.type(dtype=arg)``: one argument (checks/type_cast.py)."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "type"
        and len(node.args) + len(node.keywords) == 1
    )


def _roots(node: ast.expr) -> set[str]:
    """The names a value is computed from through calls, methods and indexing:
    ``self.head(x)[0].detach()`` -> {"self.head", "self", ...}."""
    out: set[str] = set()
    while True:
        if isinstance(node, ast.Call):
            callee = _dotted(node.func)
            if callee is not None:
                out.add(callee)
            node = node.func.value if isinstance(node.func, ast.Attribute) else node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Attribute) and _dotted(node) is None:
            node = node.value
        else:
            path = _dotted(node)
            if path is not None:
                out.add(path)
            return out


def _on_cpu(node: ast.expr) -> bool:
    """``x.detach().cpu()``, ``x.to("cpu")``: brought to the host on the way."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        method = node.func.attr
        if method == "cpu":
            return True
        if method == "to" and any(
            isinstance(a, ast.Constant) and a.value == "cpu"
            for a in [*node.args, *(k.value for k in node.keywords)]
        ):
            return True
        node = node.func.value
    return False


def _within(path: str, prefixes: set[str]) -> bool:
    """``path`` is one of ``prefixes`` or a part of one (model.vpm of model)."""
    while True:
        if path in prefixes:
            return True
        if "." not in path:
            return False
        path = path.rsplit(".", 1)[0]


class _Unit:
    """The evidence of one unit, gathered in one walk."""

    def __init__(self, file: _File) -> None:
        self.tags: set[str] = set()
        self.classes = file.classes
        self.qualify = file.qualify
        self.imported = file.imported
        self.modules: set[str] = set()  # names assigned a module
        self.moved: set[str] = set()  # names assigned the result of a move
        self.receivers: set[str] = set()  # what .to()/.cuda() was called on
        self.called: set[str] = set()  # names called like functions
        self.named: set[str] = set()  # every name read: a function of the file as a value
        self.attached: set[str] = set()  # parents a module was attached to
        self.aliases: list[tuple[str, str]] = []
        self.shared: set[str] = set()  # names that may share a value with another name
        self.alias_pairs: list[tuple[str, str]] = []  # (b, a) of `b = a`
        self.arguments: set[str] = set()  # names passed to a call: f(x), f(y=x)
        self.rebound: set[str] = set()  # x and y of `x = y.to(...)`
        self.dtype_names: set[str] = set()  # variables passed as a dtype
        self.valued: list[tuple[set[str], ast.expr]] = []  # names and the value they get
        self.empty_containers = False
        self.numpy_data = False
        self.converted: set[str] = set()  # what .numpy() / np.asarray() is applied to
        self.init_calls: set[int] = set()  # calls inside __init__ (walked first)
        self.to_torch = False
        self.discarded: set[str] = set()  # x of a bare `x.to(device)` statement
        self.assigned: set[str] = set()  # names assigned in the unit
        self.derived: list[tuple[str, set[str]]] = []  # (b, roots of a) of b = a.f()[0]
        self.appended_module = False
        self.params: set[str] = set()  # parameters of the unit's functions
        self.handed: set[str] = set()  # names passed to a function of the file
        self.init_nodes: set[int] = set()  # every node inside __init__ (walked first)
        self.late_self_aliases: set[str] = set()  # b of `self.x = b` outside __init__
        self.late_self_attach = False  # see attach_self()
        self.functions = file.functions
        self.tensor_locals: set[str] = set()  # of __init__: see init()

    def is_tensor_expr(self, node: ast.AST) -> bool:
        """``_is_tensor_expr`` of TL301 (``checks/module_state.py``), on the ast."""
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            q = (self.qualify(name) if name is not None else None) or ""
            if q.startswith("torch.nn."):
                return False
            if any(k.arg == "device" for k in node.keywords):
                return False
            if q.endswith((".tensor", ".as_tensor")) and not (
                node.args and isinstance(node.args[0], (ast.List, ast.Tuple, ast.ListComp))
            ):
                return False
            values = [*node.args, *(k.value for k in node.keywords)]
            if q.startswith("torch.") and any(self.is_tensor_expr(a) for a in values):
                return True
            if q.startswith("torch.") and q.rsplit(".", 1)[-1] in TENSOR_ATTRIBUTE_FACTORIES:
                return True
            return (
                isinstance(node.func, ast.Attribute)
                and node.func.attr in TENSOR_METHODS
                and self.is_tensor_expr(node.func.value)
            )
        if isinstance(node, ast.Starred):
            return self.is_tensor_expr(node.value)  # torch.cat([*xs]) -> no; kept simple
        if isinstance(node, (ast.List, ast.Tuple)):  # torch.cat([a.sin(), a.cos()])
            return any(self.is_tensor_expr(e) for e in node.elts)
        if isinstance(node, ast.Name):
            return node.id in self.tensor_locals  # t = torch.ones(n); self.t = t
        if isinstance(node, ast.BinOp):
            return self.is_tensor_expr(node.left) or self.is_tensor_expr(node.right)
        if isinstance(node, ast.Subscript):
            # Over-approximates TL301's rule (it skips all-integer indices, t[0]).
            return self.is_tensor_expr(node.value)
        return False

    def is_module_source(self, call: ast.Call) -> bool:
        """A call the flow analysis takes to create a module (``qualified_call`` and
        ``call`` in ``analysis/flow.py``): ``torch.nn.X(...)`` however imported, a
        class of the file, ``from_pretrained`` (any owner), ``timm.create_model``,
        ``torchvision.models.*``. (PEFT and the parallel wrappers only wrap a module
        that was made by one of these.)"""
        if isinstance(call.func, ast.Attribute) and call.func.attr in MODEL_LOADERS:
            return True
        name = _dotted(call.func)
        if name is None:
            return False
        q = self.qualify(name)
        if q is None:
            return name in self.classes
        return makes_module(q)

    def value_is_module(self, node: ast.AST) -> bool:
        # nn.Linear(...), Net().half().to(device), timm.create_model(...).eval()
        if isinstance(node, ast.IfExp):  # nn.Linear(...) if n else nn.Identity()
            return self.value_is_module(node.body) or self.value_is_module(node.orelse)
        while isinstance(node, ast.Call):
            if self.is_module_source(node):
                return True
            if not isinstance(node.func, ast.Attribute):
                return False
            node = node.func.value
        name = _dotted(node)
        return name is not None and _within(name, self.modules)

    def walk(self, root: ast.AST) -> None:
        tags = self.tags
        imported = self.imported
        # _walk() inlined: a third of the screen's time is spent walking.
        stack: list[object] = [root]
        pop, push, extend = stack.pop, stack.append, stack.extend
        while stack:
            node = pop()
            kind = type(node)
            names = _FIELDS.get(kind)
            if names is None:
                if not isinstance(node, ast.AST):
                    continue  # an identifier in a list (global a, b), None in a dict
                names = _fields_of(node)
            for name in names:
                value = getattr(node, name, None)
                if type(value) is list:
                    extend(value)
                elif value is not None:
                    push(value)
            if kind is ast.Name:
                word = node.id  # type: ignore[attr-defined]
                self.named.add(word)
                if word == "device":
                    tags.add(DEVICE_NAME)
                found = _WORD_TAGS.get(imported.get(word, word))
                if found is not None:
                    tags |= found
            elif kind is ast.Attribute:
                found = _WORD_TAGS.get(node.attr)  # type: ignore[attr-defined]
                if found is not None:
                    tags |= found
            elif kind is ast.Call:
                self.call(node)  # type: ignore[arg-type]
            elif kind is ast.Constant:
                value = node.value  # type: ignore[attr-defined]
                if type(value) is str and value.startswith("cuda"):
                    tags.add(CUDA_LITERAL)
                if type(value) is str and len(value) <= 40:
                    found = _WORD_TAGS.get(value.split(":", 1)[0])
                    if found is not None:
                        tags |= found
            elif kind is ast.Expr:
                value = node.value  # type: ignore[attr-defined]
                if (
                    type(value) is ast.Call
                    and type(value.func) is ast.Attribute
                    and value.func.attr in _DISCARDABLE
                ):
                    receiver = _dotted(value.func.value)
                    if receiver is not None:
                        self.discarded.add(receiver)
                        if _is_device_move(value):
                            # A bare `model.to(device)` on a name the flow analysis
                            # does not know: it takes it for a module moved in place.
                            tags.update((PLACED_MODULE, CALLABLE_MODULE))
                            self.modules.add(receiver)
            elif kind is ast.Assign or kind is ast.AnnAssign:
                self.assign(node)  # type: ignore[arg-type]
            elif kind is ast.For or kind is ast.AsyncFor or kind is ast.comprehension:
                if kind is not ast.comprehension:
                    # The flow analysis knows what a loop over a DataLoader binds.
                    self.assigned |= {
                        p
                        for sub in _walk(node.target)  # type: ignore[attr-defined]
                        if (p := _dotted(sub)) is not None
                    }
                if isinstance(node.iter, (ast.List, ast.Tuple)):  # type: ignore[attr-defined]
                    # for t in (x, y): t is x, then y
                    self.share(node.target)  # type: ignore[attr-defined]
                    self.share(node.iter)  # type: ignore[attr-defined]
                    self.assigned |= self.shared
            elif kind is ast.NamedExpr:
                self.share(node.target)  # type: ignore[attr-defined]
                self.share(node.value)  # type: ignore[attr-defined]
            elif kind is ast.FunctionDef and node.name == "__init__":  # type: ignore[attr-defined]
                self.init(node)  # type: ignore[arg-type]
            elif kind is ast.ClassDef:
                tags.add(CLASS)
            elif kind is ast.arg:
                self.params.add(node.arg)  # type: ignore[attr-defined]
                if node.arg == "device":  # type: ignore[attr-defined]
                    tags.add(DEVICE_NAME)

    def call(self, node: ast.Call) -> None:
        tags = self.tags
        func = node.func
        last = _last(func)
        if self.is_module_source(node):
            tags.add(MODULE_SOURCE)
            if any(k.arg in _PLACING_KEYWORDS for k in node.keywords):
                tags.add(PLACED_MODULE)  # nn.Linear(..., device=d), device_map="auto"
        if any(k.arg in _PLACING_KEYWORDS for k in node.keywords):
            tags.add(ACCELERATOR)
        if last == "prepare" or last == "initialize" or last == "set_device":
            # accelerator.prepare(model), deepspeed.initialize(model=...)
            tags.update((ACCELERATOR, PLACED_MODULE))
        if last == "cuda" and isinstance(func, ast.Attribute):
            tags.add(CUDA_LITERAL)
        if last is not None and _writes_file(last):
            tags.add(SAVE)
        if last == "numpy" and isinstance(func, ast.Attribute) and not _on_cpu(func.value):
            self.converted.update(_roots(func.value))
        name = _dotted(func)
        if name is not None:
            self.called.add(name)
            q = self.qualify(name)
            if q is not None:
                if q in ("torch.load", "torch.serialization.load"):
                    tags.add(TORCH_LOAD)
                elif "DataParallel" in q:
                    tags.add(PARALLEL_WRAP)
                elif q.startswith("torch.") and q.rsplit(".", 1)[-1] in _FLOW_FACTORIES:
                    tags.add(CPU_DATA)  # on the CPU unless device= says otherwise
                elif q.startswith("torchvision.datasets."):
                    tags.add(CPU_DATA)  # a DataLoader over it yields CPU batches
                elif q.startswith("torch.optim.") and q.rsplit(".", 1)[-1][:1].isupper():
                    tags.add(OPTIMIZER_BUILT)
                if q.startswith("torch.") and q.rsplit(".", 1)[-1] in FACTORY_FUNCTIONS:
                    if id(node) not in self.init_calls and not any(
                        k.arg == "device" for k in node.keywords
                    ):
                        tags.add(FACTORY_WITHOUT_DEVICE)  # outside __init__ (TL401)
                    if q in _FROM_NUMPY:
                        self.to_torch = True
                elif q.startswith("numpy."):
                    self.numpy_data = True  # float64 unless told otherwise
                    if q[len("numpy.") :] in NUMPY_CONVERSIONS and node.args:
                        if not _on_cpu(node.args[0]):
                            self.converted.update(_roots(node.args[0]))

        local_callee = name is None or self.qualify(name) is None
        # A function of the file (or a method, through self) is followed by the flow
        # analysis: what is passed to it may get submodules attached there.
        follows = name is not None and (
            name in self.functions or (name.startswith("self.") and name.count(".") == 1)
        )
        for value in [*node.args, *(k.value for k in node.keywords)]:
            if follows:
                passed_path = _dotted(value)
                if passed_path is not None:
                    self.handed.add(passed_path)
            if local_callee and _is_type_cast(value):
                # self.vpm(x.type(dtype)); not torch.cat(...), an imported function
                tags.add(TYPE_CAST_ARGUMENT)
            passed = _dotted(value.value if isinstance(value, ast.Starred) else value)
            if passed is not None:
                self.arguments.add(passed)
        if _is_type_cast(node):
            argument = node.args[0] if node.args else node.keywords[0].value
            word = _last(argument)
            if (
                (isinstance(argument, ast.Constant) and "Tensor" in str(argument.value))
                or (word is not None and self.imported.get(word, word).endswith("Tensor"))
                or (
                    isinstance(argument, ast.Call)
                    and _last(argument.func) == "type"
                    and not argument.args
                )
            ):
                tags.add(LEGACY_TYPE_CAST)
        if last is not None and self.imported.get(last, last) in LEGACY_TENSOR_TYPES:
            tags.add(LEGACY_CONSTRUCTOR)
        if (last == "double" and isinstance(func, ast.Attribute)) or last == "DoubleTensor":
            tags.add(FLOAT64)
        if last == "from_pretrained" and isinstance(func, ast.Attribute):
            owner = (_dotted(func.value) or "").lower()
            if any(
                k in owner for k in ("token", "processor", "featureextractor", "feature_extractor")
            ):
                tags.add(CPU_DATA)  # a tokenizer: what it returns is on the CPU
        if (last in _NARROW_ATTRIBUTES and isinstance(func, ast.Attribute)) or (
            last in _NARROW_WORDS and last.endswith("Tensor")
        ):
            tags.add(NARROW_CAST)  # x.int(), torch.IntTensor(...)
        if (last in ("half", "bfloat16") and isinstance(func, ast.Attribute)) or last in (
            "HalfTensor",
            "BFloat16Tensor",
        ):
            tags.add(HALF_CAST)
        elif last in ("to", "type", "astype") and isinstance(func, ast.Attribute):
            self.dtype_argument([*node.args, *(k.value for k in node.keywords)])
        for keyword in node.keywords:
            if keyword.arg in _DTYPE_KEYWORDS:
                self.dtype_argument([keyword.value])
        if _is_device_move(node):
            tags.add(ACCELERATOR)
            receiver = func.value  # type: ignore[attr-defined]
            if self.value_is_module(receiver):
                tags.add(PLACED_MODULE)
            path = _dotted(receiver)
            if path is not None:
                self.receivers.add(path)
        if isinstance(func, ast.Attribute) and last in ("add_module", "register_module"):
            path = _dotted(func.value)
            if path is not None:
                self.attached.add(path)
                self.attach_self(path, node)
        if isinstance(func, ast.Name) and last == "setattr" and node.args:
            path = _dotted(node.args[0])
            if path is not None:
                self.attached.add(path)
                self.attach_self(path, node)

    def attach_self(self, parent: str, node: ast.AST) -> None:
        """A module attached to ``self`` outside ``__init__``: when the class's
        instance is placed and then the method runs (the flow analysis follows it
        from an entry), the new module is attached after placement."""
        if (parent == "self" or parent.startswith("self.")) and id(node) not in self.init_nodes:
            self.late_self_attach = True

    def dtype_argument(self, values: list[ast.expr]) -> None:
        """A dtype passed on: half if spelled so (``torch.float16``, ``th.half``), or
        if it is a variable the unit assigns something half to. (The flow analysis
        reads no dtype from strings or calls here.)"""
        for value in values:
            if isinstance(value, (ast.Name, ast.Attribute)):
                word = _last(value) or ""
                word = self.imported.get(word, word)
                if word in _HALF_WORDS:
                    self.tags.add(HALF_CAST)
                elif word in _NARROW_WORDS or word in _NARROW_ATTRIBUTES:
                    self.tags.add(NARROW_CAST)
                elif word in _FLOAT64_WORDS:
                    self.tags.add(FLOAT64)
                else:
                    path = _dotted(value)
                    if path is not None:
                        self.dtype_names.add(path)

    def share(self, node: ast.AST) -> None:
        for sub in _walk(node):
            path = _dotted(sub)
            if path is not None:
                self.shared.add(path)

    def assign(self, node: ast.Assign | ast.AnnAssign) -> None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = node.value
        if value is None:
            return
        if len(targets) > 1:
            for target in targets:  # a = b = x
                self.share(target)
        if isinstance(value, (ast.Name, ast.Attribute, ast.IfExp, ast.BoolOp, ast.Tuple, ast.List)):
            # b = a, b = a or c, a, b = x, y: b shares a's value, if a has a known one
            names = [p for t in targets for sub in _walk(t) if (p := _dotted(sub)) is not None]
            for source in _sources(value):
                self.alias_pairs.extend((name, source) for name in names)
            whole = _dotted(value)
            if whole is not None:
                self.aliases.extend((p, whole) for t in targets if (p := _dotted(t)) is not None)
                if id(node) not in self.init_nodes and any(
                    (_dotted(t) or "").startswith("self.") for t in targets
                ):
                    self.late_self_aliases.add(whole)
        is_module = self.value_is_module(value) or (
            # what a function of the file returns may be a module
            isinstance(value, ast.Call) and _dotted(value.func) in self.functions
        )
        moves = isinstance(value, ast.Call) and _is_device_move(value)
        if isinstance(value, (ast.Name, ast.Attribute, ast.IfExp, ast.BoolOp, ast.Call)):
            # What dtype the names get is read in finish(), for the few passed as one.
            paths = {p for t in targets if (p := _dotted(t)) is not None}
            if paths:
                self.valued.append((paths, value))
        if moves:
            assert isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)
            receiver = _dotted(value.func.value)
            if receiver is not None:
                self.rebound.add(receiver)
        roots = _roots(value)
        for target in targets:
            path = _dotted(target)
            if path is not None and roots:
                self.derived.append((path, roots))
            if path is None:
                self.assigned |= {p for sub in _walk(target) if (p := _dotted(sub)) is not None}
                continue
            self.assigned.add(path)
            if is_module:
                self.modules.add(path)
                if "." in path:
                    self.attached.add(path.rsplit(".", 1)[0])
                    self.attach_self(path.rsplit(".", 1)[0], node)
            if moves:
                self.moved.add(path)
                self.rebound.add(path)

    def init(self, node: ast.FunctionDef) -> None:
        # TL301 follows a local name to its value, and a helper of the file to what it
        # returns: locals assigned a tensor, in any order (over-approximated).
        assigns = [s for s in _walk(node) if isinstance(s, ast.Assign)]
        while True:
            found = {
                t.id
                for stmt in assigns
                if self.is_tensor_expr(stmt.value)
                for t in stmt.targets
                if isinstance(t, ast.Name)
            }
            if found <= self.tensor_locals:
                break
            self.tensor_locals |= found
        for stmt in _walk(node):
            self.init_nodes.add(id(stmt))
            if isinstance(stmt, ast.Call):
                self.init_calls.add(id(stmt))
            if (
                isinstance(stmt, ast.Call)
                and isinstance(stmt.func, ast.Attribute)
                and stmt.func.attr in ("append", "extend", "insert")
                and isinstance(stmt.func.value, ast.Attribute)  # self.layers.append(...)
                and isinstance(stmt.func.value.value, ast.Name)
                and stmt.args
                and any(
                    isinstance(sub, ast.Call) and self.is_module_source(sub)
                    for sub in _walk(stmt.args[-1])
                )
            ):
                self.appended_module = True
            if not isinstance(stmt, (ast.Assign, ast.AnnAssign)) or stmt.value is None:
                continue
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if not any(
                isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) for t in targets
            ):
                continue
            value = stmt.value
            if isinstance(value, _CONTAINERS):
                if isinstance(value, (ast.List, ast.Dict)) and not (
                    value.elts if isinstance(value, ast.List) else value.keys
                ):
                    self.empty_containers = True  # filled by append() below, maybe
                elif any(
                    isinstance(sub, ast.Call) and self.is_module_source(sub) for sub in _walk(value)
                ):
                    self.tags.add(INIT_MODULE_CONTAINER)
            helper = _dotted(value.func) if isinstance(value, ast.Call) else None
            if self.is_tensor_expr(value) or (
                helper is not None
                and (
                    helper in self.functions
                    or (helper.startswith("self.") and helper.count(".") == 1)
                )
            ):
                self.tags.add(INIT_TENSOR_ATTR)  # (what a helper returns: maybe a tensor)
            elif isinstance(value, (ast.List, ast.Tuple)) and value.elts:
                # a list of tensors, or of registered buffers (TL301's other shapes)
                if any(self.is_tensor_expr(e) for e in value.elts) or all(
                    isinstance(e, ast.Attribute) for e in value.elts
                ):
                    self.tags.add(INIT_TENSOR_ATTR)

    def finish(self, called: bool = False) -> None:
        """Tags that need the whole unit: a module moved by name, a moved value
        called, a module attached to something placed. ``called``: the unit is a
        function the file calls (or a class): the flow analysis follows calls into
        it with the arguments' values, so its parameters are known names."""
        if called:
            self.assigned |= self.params
        names = self.modules
        for a, b in self.aliases:
            if _within(b, names):
                names.add(a)
                if "." in a:
                    # model.head = new_head: attached (the walk is in no order, so
                    # new_head may have been seen as a module after this assignment)
                    self.attached.add(a.rsplit(".", 1)[0])
        if any(_within(b, names) for b in self.late_self_aliases):
            self.late_self_attach = True
        if any(_within(r, names) for r in self.receivers):
            self.tags.add(PLACED_MODULE)
        if self.called & self.moved:
            self.tags.add(PLACED_MODULE)  # m = load().to(device); m(x)
            self.tags.add(CALLABLE_MODULE)
        if MODULE_SOURCE in self.tags:
            self.tags.add(CALLABLE_MODULE)
        placed = self.receivers | self.moved
        # Parts of what was placed: sub = model.get_submodule(n), block = model.layers[0]
        grown = True
        while grown:
            grown = False
            for name, roots in self.derived:
                if name not in placed and any(_within(r, placed) for r in roots):
                    placed.add(name)
                    grown = True
        # A module handed to a function of the file may get submodules there.
        self.attached |= {p for p in self.handed if _within(p, names)}
        if any(_within(p, placed) for p in self.attached):
            self.tags.add(LATE_MODULE)
        if any(_within(path, self.assigned | self.modules) for path in self.converted):
            # The flow analysis only knows tensors it saw made or moved in the unit.
            self.tags.add(NUMPY_CALL)
        if self.numpy_data and self.to_torch:
            self.tags.add(FLOAT64)  # torch keeps numpy's float64
        if self.discarded & self.assigned:
            # Only a name the flow analysis knows as a tensor is reported; it knows
            # nothing of parameters and names it never saw assigned.
            self.tags.add(DISCARDED_MOVE)
        # A stale alias: one of two names for a value is re-bound to the moved value
        # while the other is passed to a call. The flow analysis knows the value of
        # a name assigned in the unit, or of a part of a module; anything else (a
        # parameter's attribute) is unknown and shares nothing.
        for name, source in self.alias_pairs:
            if source in self.assigned or _within(source, self.modules):
                if (name in self.rebound and source in self.arguments) or (
                    source in self.rebound and name in self.arguments
                ):
                    self.tags.add(STALE_ALIAS)
        if self.rebound & self.shared and self.shared & self.arguments:
            self.tags.add(STALE_ALIAS)  # a = b = x; for t in (x, y)
        for paths, value in self.valued:
            # A variable passed as a dtype, assigned something half / narrow / float64.
            if paths & self.dtype_names:
                words = set().union(*(_words(sub) for sub in _walk(value)))
                if words & _HALF_WORDS:
                    self.tags.add(HALF_CAST)
                if words & (_NARROW_WORDS | _NARROW_ATTRIBUTES):
                    self.tags.add(NARROW_CAST)
                if words & _FLOAT64_WORDS:
                    self.tags.add(FLOAT64)
        if self.empty_containers and self.appended_module:
            self.tags.add(INIT_MODULE_CONTAINER)


class _File:
    """What every unit needs to know about the file, read from its statements only
    (as ``analysis/facts.py`` reads them): the import table (local name -> qualified
    name, one table for the whole file) and the names of its module classes."""

    def __init__(self, tree: ast.Module) -> None:
        self.classes: set[str] = set()
        # The file's top-level functions: calls to them are followed by the analysis.
        self.functions = {
            stmt.name
            for stmt in tree.body
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
        self.imports: dict[str, str] = {}
        # Imported names under another spelling, as the word they stand for
        # (``import numpy as xp``, ``from torch import float16 as f16``).
        self.imported: dict[str, str] = {}
        self._statements(tree.body)

    def qualify(self, name: str) -> str | None:
        head, _, rest = name.partition(".")
        full = self.imports.get(head)
        if full is None:
            return None
        return f"{full}.{rest}" if rest else full

    def _statements(self, body: list[ast.stmt]) -> None:
        for stmt in body:
            kind = type(stmt)
            if kind is ast.Import:
                for alias in stmt.names:  # type: ignore[attr-defined]
                    if alias.asname:
                        self.imports[alias.asname] = alias.name
                        self.imported[alias.asname] = alias.name.split(".")[0]
                    else:
                        head = alias.name.split(".", 1)[0]
                        self.imports[head] = head
            elif kind is ast.ImportFrom:
                module = stmt.module  # type: ignore[attr-defined]
                if stmt.level or module is None:  # type: ignore[attr-defined]
                    continue
                for alias in stmt.names:  # type: ignore[attr-defined]
                    local = alias.asname or alias.name
                    self.imports[local] = f"{module}.{alias.name}"
                    if module.split(".")[0] == "numpy":
                        self.imported[local] = "numpy"
                    elif alias.asname:
                        self.imported[local] = alias.name
            elif kind is ast.ClassDef:
                # analysis/facts.py's is_module: a base that is nn.Module, a
                # PreTrainedModel / ModelMixin, or a module class of the file above
                bases = []
                for base in stmt.bases:  # type: ignore[attr-defined]
                    raw = _dotted(base)
                    if raw is not None:
                        bases += [raw, self.qualify(raw) or raw]
                if any(
                    b in _MODULE_BASES
                    or b.endswith(("nn.Module", "PreTrainedModel", "ModelMixin"))
                    or b in self.classes
                    for b in bases
                ):
                    self.classes.add(stmt.name)  # type: ignore[attr-defined]
                self._statements(stmt.body)  # type: ignore[attr-defined]
            elif kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.With, ast.AsyncWith):
                self._statements(stmt.body)  # type: ignore[attr-defined]
            elif kind in (ast.If, ast.For, ast.AsyncFor, ast.While):
                self._statements(stmt.body)  # type: ignore[attr-defined]
                self._statements(stmt.orelse)  # type: ignore[attr-defined]
            elif kind is ast.Try or kind is getattr(ast, "TryStar", None):
                self._statements(stmt.body)  # type: ignore[attr-defined]
                for handler in stmt.handlers:  # type: ignore[attr-defined]
                    self._statements(handler.body)
                self._statements(stmt.orelse)  # type: ignore[attr-defined]
                self._statements(stmt.finalbody)  # type: ignore[attr-defined]
            elif kind is ast.Match:
                for case in stmt.cases:  # type: ignore[attr-defined]
                    self._statements(case.body)


class Evidence:
    """The tags of each unit of one file."""

    def __init__(self, tree: ast.Module) -> None:
        file = _File(tree)
        module_level = _Unit(file)
        defs: list[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef] = []
        for stmt in tree.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                defs.append(stmt)
            else:
                module_level.walk(stmt)
        module_level.finish()
        self.defs: list[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef] = defs
        units = []
        for stmt in defs:
            unit = _Unit(file)
            unit.walk(stmt)
            # What the module body set up is visible in every function.
            unit.tags |= module_level.tags
            unit.modules |= module_level.modules
            unit.moved |= module_level.moved
            unit.shared |= module_level.shared
            unit.alias_pairs += module_level.alias_pairs
            unit.arguments |= module_level.arguments
            unit.assigned |= module_level.assigned
            unit.numpy_data |= module_level.numpy_data
            unit.converted |= module_level.converted
            unit.to_torch |= module_level.to_torch
            units.append(unit)
        # The flow analysis follows calls between the file's functions (and from
        # the module body into them), and a Dataset class's items into the loops
        # that read them: units that call each other are screened as one.
        # (A class of the file is followed too: its __init__ when it is made, its
        # methods when they are called, a module's forward when the module is.)
        # Only from an entry: the module body and the file's functions (what a
        # class's own methods call is not followed, as in the flow analysis).
        index = {d.name: i for i, d in enumerate(defs)}
        # (A function named without a call, ``make = build_batch``, may be called
        # through the other name: the flow analysis follows it there too.)
        functions = {d.name: i for i, d in enumerate(defs) if not isinstance(d, ast.ClassDef)}

        def reads(unit: _Unit) -> set[int]:
            return {index[n] for n in unit.called if n in index} | {
                functions[n] for n in unit.named if n in functions
            }

        edges = [reads(unit) for unit in units]
        group = list(range(len(units)))

        def find(i: int) -> int:
            while group[i] != i:
                group[i] = group[group[i]]
                i = group[i]
            return i

        reached: set[int] = set()
        entries = [i for i, d in enumerate(defs) if not isinstance(d, ast.ClassDef)]
        for start in [-1, *entries]:
            todo = list(reads(module_level)) if start < 0 else [start]
            seen = set(todo)
            while todo:
                i = todo.pop()
                for j in edges[i] - seen:
                    seen.add(j)
                    todo.append(j)
            reached |= seen - {start}
            first = start if start >= 0 else min(seen, default=-1)
            for j in seen:
                if first >= 0:
                    group[find(j)] = find(first)
        # TL301 reads what a helper of the file returns to a class's __init__: a
        # class is screened with the functions it calls.
        for i, definition in enumerate(defs):
            if isinstance(definition, ast.ClassDef):
                for j in edges[i]:
                    if not isinstance(defs[j], ast.ClassDef):
                        group[find(j)] = find(i)
        for i, unit in enumerate(units):
            unit.finish(called=i in reached)
            definition = defs[i]
            if isinstance(definition, ast.ClassDef) and any(
                (_dotted(b) or "").endswith("Dataset") for b in definition.bases
            ):
                # A Dataset class of the file: a DataLoader over it yields CPU batches
                # (default collate), whatever its items are (flow.py's cpu_datasets).
                unit.tags.add(CPU_DATA)
        tags: dict[int, set[str]] = {}
        for i, unit in enumerate(units):
            tags.setdefault(find(i), set()).update(unit.tags)
        for i, unit in enumerate(units):
            # A method of a class an entry reaches attaches a module to self; the
            # entry may have placed the instance first.
            group_tags = tags[find(i)]
            if i in reached and unit.late_self_attach and PLACED_MODULE in group_tags:
                group_tags.add(LATE_MODULE)
        # TL502 trusts a load of the file another unit writes (analysis/saves.py, "a
        # file this module writes"): where a unit loads, the units that save are kept.
        if any(TORCH_LOAD in group_tags for group_tags in tags.values()):
            for group_tags in tags.values():
                if SAVE in group_tags:
                    group_tags.add(TORCH_LOAD)
        # What the module body calls runs in its context: its tags are the body's.
        for n in module_level.called:
            if n in index:
                module_level.tags |= tags[find(index[n])]
        self.module_level = frozenset(module_level.tags)
        self.units: list[frozenset[str]] = [
            frozenset(tags[find(i)] | module_level.tags) for i in range(len(units))
        ]

    def may_match(self, needs: Iterable[str]) -> bool:
        needed = set(needs)
        if not needed or needed <= self.module_level:
            return True
        return any(needed <= tags for tags in self.units)

    def idle(self, needs: Sequence[frozenset[str]]) -> list[ast.stmt]:
        """The top-level ``def``s and ``class``es that carry none of ``needs`` (the
        needs of the rules that passed): no rule can report inside them."""
        if any(n <= self.module_level for n in needs):
            return []
        return [
            d
            for d, tags in zip(self.defs, self.units, strict=True)
            if not any(n <= tags for n in needs)
        ]


# Split with the breaks kept: line, break, line, break, ..., last line.
_LINES_AND_BREAKS = re.compile(f"({LINE_BREAK.pattern})")


def without_bodies(text: str, units: Sequence[ast.stmt]) -> str:
    """``text`` with the body of each unit emptied: its first line becomes ``pass``
    at the body's indentation and the rest blank lines. Every other line is kept as
    it is, so LibCST gives the same positions (and fixes the same spans) in what is
    left; headers are kept (decorators, signatures, the bases a module class is
    recognised by). A unit whose body starts on its header's line is kept whole."""
    if not units:
        return text
    parts = _LINES_AND_BREAKS.split(text)
    for unit in units:
        first = unit.body[0]  # type: ignore[attr-defined]
        start, end = first.lineno, unit.end_lineno
        if end is None or start <= unit.lineno:
            continue
        line = parts[2 * (start - 1)]
        indent = line[: first.col_offset]  # col_offset counts UTF-8 bytes: >= characters
        if indent.strip(" \t\f"):
            continue
        parts[2 * (start - 1)] = indent + "pass"
        for n in range(start, end):
            parts[2 * n] = ""
    return "".join(parts)
