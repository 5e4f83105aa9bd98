"""Device/dtype flow analysis: what each name holds, statement by statement.

For every scope (the module body, each function, each method) the walker goes through
the statements in order and keeps, per name or attribute path (``model``,
``self.vpm``, ``pipe.transformer``), an abstract ``Value``: its kind (module, tensor,
encoding, ...), its device and dtype as far as the code shows them, and the events
that changed them, with their nodes (so messages can name the lines).

Rules do not walk anything themselves: the walker records *observations* keyed by the
call node they concern (a module called on some inputs, a parallel wrapper applied, a
``.to()`` whose result is thrown away, a submodule added after placement), each with
the values as they were at that point. A rule's ``visit_Call`` looks its node up.

The rule of thumb throughout: anything the code does not show is unknown, and unknown
never makes a finding. Branches merge conservatively (a move in one branch of an
``if`` makes the device "maybe"), loop bodies are walked once and merged with the
state before the loop (they may run zero times), and any value passed to an unknown
function may have been changed by it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import reduce
from typing import TypeVar

import libcst as cst

from torchlint.analysis.facts import ClassFacts, FileFacts
from torchlint.analysis.names import dotted
from torchlint.analysis.torch_api import (
    DTYPES,
    FORWARD_LIKE,
    INDEX_RESULTS,
    LOSSES,
    MODEL_LOADERS,
    NUMPY_CONVERSIONS,
    PARAMETRIZED_MODULES,
    SAME_PLACE_OPS,
    legacy_type,
    makes_module,
    names_cpu,
    optimizer_state,
    torch_dtype,
)
from torchlint.traverse import nodes

# kinds
MODULE, TENSOR, ENCODING, TOKENIZER, DEVICE, DTYPE, WRAPPER = (
    "module",
    "tensor",
    "encoding",
    "tokenizer",
    "device",
    "dtype",
    "wrapper",
)
# The result of ``.to(device)`` on something unknown: surely not on the CPU any more,
# but maybe a module, so never treated as a tensor.
MOVED = "moved"
NDARRAY = "ndarray"  # a numpy array
TUPLE = "tuple"  # a tuple or list of values (``items``): ``return x, y``, ``(a, b)``
LOADER = "loader"  # a DataLoader: its batches are CPU tensors (default collate)
DATASET = "dataset"  # a Dataset whose items are CPU tensors (device CPU) or unknown
OBJECT = "object"  # an instance of a plain class of the file (``origin``: its name)
FUNCTION = "function"  # a function of the file, as a value (``origin``: its name)
# A list of any length (a comprehension, one grown by ``append``): ``items`` is its
# element (every member merged), or empty when nothing is in it yet.
LIST = "list"
NUMBER = "number"  # a Python int (dtype int64) or float (float32, torch's default)
PARAMS = "params"  # ``model.parameters()``: ``part_of`` is the module's ident
# A torch.optim optimizer over a module's parameters (``part_of``: the module's ident).
# Its device is where its state is: CPU once made or loaded while the parameters were
# on the CPU, None while it has none (or it is elsewhere), MAYBE once code we cannot
# see may have moved it.
OPTIMIZER = "optimizer"
# devices (besides None = unknown)
CPU, CUDA, VAR, AUTO, PREPARED, MAYBE = "cpu", "cuda", "var", "auto", "prepared", "maybe"
HALF_DTYPES = frozenset({"float16", "bfloat16"})

_CAST_METHODS = {"half": "float16", "bfloat16": "bfloat16", "float": "float32", "double": "float64"}
_TENSOR_ONLY_CASTS = {
    "long": "int64",
    "int": "int32",
    "bool": "bool",
    "short": "int16",
    "byte": "uint8",
    "char": "int8",
}
_FACTORIES = frozenset(
    "zeros ones empty full rand randn randint randperm arange linspace logspace eye "
    "tensor as_tensor from_numpy zeros_like ones_like".split()
)
_FLOAT_FACTORIES = frozenset("zeros ones empty full rand randn linspace logspace eye".split())
# Module methods that neither run the module nor change its placement.
_MODULE_PLUMBING = frozenset(
    """
    to cuda cpu half float bfloat16 double type to_empty eval train requires_grad_
    parameters named_parameters buffers named_buffers children named_children modules
    named_modules state_dict load_state_dict register_buffer register_parameter
    add_module register_module apply zero_grad get_submodule get_parameter get_buffer
    register_forward_hook register_forward_pre_hook register_full_backward_hook
    save_pretrained push_to_hub print_trainable_parameters gradient_checkpointing_enable
    enable_input_require_grads resize_token_embeddings get_input_embeddings
    get_output_embeddings tie_weights config named_parameters share_memory extra_repr
    set_adapter add_adapter load_adapter enable_adapters disable_adapters
    merge_and_unload unload get_base_model compile values items keys
    """.split()
)
_PEFT_WRAPPERS = frozenset(
    {
        "peft.get_peft_model",
        "peft.PeftModel.from_pretrained",
        "peft.PeftModelForCausalLM.from_pretrained",
        "peft.mapping.get_peft_model",
        "peft.prepare_model_for_kbit_training",
    }
)
_PARALLEL = {
    "torch.nn.DataParallel": "DataParallel",
    "torch.nn.parallel.DataParallel": "DataParallel",
    "torch.nn.parallel.DistributedDataParallel": "DistributedDataParallel",
    "torch.nn.parallel.distributed.DistributedDataParallel": "DistributedDataParallel",
    "torch.distributed.fsdp.FullyShardedDataParallel": "FullyShardedDataParallel",
    "torch.distributed.fsdp.fully_sharded_data_parallel.FullyShardedDataParallel": "FullyShardedDataParallel",
}

# Builtins that cannot move or cast what they are given.
_INERT_BUILTINS = frozenset(
    "setattr getattr hasattr delattr isinstance issubclass len print repr str id type".split()
)
_SUBMODULE_ITERATORS = frozenset({"modules", "named_modules", "children", "named_children"})
_JOINS = frozenset({"torch.cat", "torch.concat", "torch.concatenate", "torch.stack"})
_LOADERS = frozenset({"torch.utils.data.DataLoader", "torch.utils.data.dataloader.DataLoader"})
# Wrappers a loop goes through to reach a loader's batches.
_TENSOR_DATASETS = frozenset(
    {"torch.utils.data.TensorDataset", "torch.utils.data.dataset.TensorDataset"}
)
_ITERATE_THROUGH = frozenset({"tqdm", "tqdm.tqdm", "tqdm.auto.tqdm", "tqdm.notebook.tqdm"})

_NUMPY_FLOAT64 = frozenset(
    "zeros ones empty linspace logspace loadtxt genfromtxt random.rand random.randn "
    "random.random random.normal random.uniform random.standard_normal".split()
)
# numpy functions (and ndarray methods) whose result has their input's dtype.
_NUMPY_KEEP_DTYPE = frozenset(
    """copy reshape transpose squeeze expand_dims repeat tile flip roll clip concatenate
    stack vstack hstack ravel flatten""".split()
)
# Elementwise maths: float64 from integers or float64, float32 stays float32.
_NUMPY_UFUNCS = frozenset("log1p exp expm1 log log2 log10 sqrt sin cos tanh".split())
# Integer results: numpy's default integer is int64.
_NUMPY_INT64 = frozenset(
    "random.randint random.integers random.poisson random.binomial argmax argmin argsort".split()
)
_NUMPY_DTYPES = {
    "float64": "float64",
    "double": "float64",
    "float_": "float64",
    "float32": "float32",
    "single": "float32",
    "float16": "float16",
    "half": "float16",
    "int64": "int64",
    "int32": "int32",
    "uint8": "uint8",
    "bool_": "bool",
    "int8": "int8",
    "int16": "int16",
}

_INT_DTYPES = frozenset({"int64", "int32", "int16", "int8", "uint8", "bool"})

_ids = itertools.count(1)


def _numpy_dtype(node: cst.BaseExpression) -> str:
    """``np.float32``, ``"float32"``, ``np.dtype("float64")`` -> canonical, else MAYBE."""
    if isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str):
        return _NUMPY_DTYPES.get(node.evaluated_value, MAYBE)
    if isinstance(node, cst.Name) and node.value == "float":
        return "float64"
    name = dotted(node)
    if name is not None:
        return _NUMPY_DTYPES.get(name.rsplit(".", 1)[-1], MAYBE)
    return MAYBE


def _has_float_literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.Float):
        return True
    if isinstance(node, (cst.List, cst.Tuple)):
        return any(_has_float_literal(e.value) for e in node.elements)
    return False


def _literal_dtype(node: cst.BaseExpression) -> str | None:
    """The dtype torch gives a literal: a float anywhere makes float32 (the default
    dtype), integers alone int64, True/False bool; None when not all literal."""
    leaves: list[cst.BaseExpression] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, (cst.List, cst.Tuple)):
            stack.extend(e.value for e in item.elements)
        elif isinstance(item, cst.UnaryOperation):
            stack.append(item.expression)
        else:
            leaves.append(item)
    if not leaves:
        return None
    if all(isinstance(x, cst.Name) and x.value in ("True", "False") for x in leaves):
        return "bool"
    if not all(isinstance(x, (cst.Integer, cst.Float)) for x in leaves):
        return None
    return "float32" if any(isinstance(x, cst.Float) for x in leaves) else "int64"


def _cpu_map(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.SimpleString):
        return node.evaluated_value == "cpu"
    if isinstance(node, cst.Dict) and len(node.elements) == 1:
        element = node.elements[0]
        return (
            isinstance(element, cst.DictElement)
            and isinstance(element.value, cst.SimpleString)
            and element.value.evaluated_value == "cpu"
        )
    return False


@dataclass(frozen=True)
class Event:
    action: str  # create, cast, move, place, wrap, add
    node: cst.CSTNode  # where (its line goes into messages)
    detail: str = ""  # dtype or device, as written
    path: str = ""  # the name it happened to
    # Names bound when it happened: a fix may only use a device variable that exists
    # at the line it edits.
    bound: frozenset[str] = frozenset()
    # For "pass" (a value handed to a function of the file, ``node`` the argument):
    # the statement of the call, where a finding about the argument belongs.
    statement: cst.CSTNode | None = None


@dataclass(frozen=True)
class Value:
    kind: str | None
    device: str | None = None
    dtype: str | None = None
    # Code for the device, when known (``device``, ``"cuda"``, ``f"cuda:{rank}"``).
    device_expr: cst.BaseExpression | None = None
    events: tuple[Event, ...] = ()
    ident: int = 0  # same ident = same object (aliases share it)
    moved_from: int = 0  # ident of the value this is a moved copy of
    part_of: int = 0  # for ``model.vpm``: the ident of ``model``
    origin: str = ""  # what made it: "torch.nn.CrossEntropyLoss", "module call", ...
    items: tuple[Value, ...] = ()  # of a TUPLE

    def last(self, *actions: str) -> Event | None:
        for event in reversed(self.events):
            if event.action in actions:
                return event
        return None

    def handed(self) -> list[Event]:
        """The "pass" events since this value was last made, cast or moved: the
        arguments of the calls that handed it down to the function being walked,
        outermost first."""
        out: list[Event] = []
        for event in reversed(self.events):
            if event.action in ("create", "cast", "move", "place"):
                break
            if event.action == "pass":
                out.append(event)
        return out[::-1]

    def handed_in(self) -> Event | None:
        """The outermost of ``handed()``: where the caller wrote the argument, the
        line a finding about the value belongs to."""
        handed = self.handed()
        return handed[0] if handed else None

    @property
    def module_input(self) -> bool:
        """Handed to a module's forward (by a call of a module class of the file)."""
        return any(e.path == "module" for e in self.handed())

    @property
    def placed(self) -> bool:
        return self.device in (CUDA, VAR, AUTO, PREPARED)

    @property
    def on_accelerator(self) -> bool:
        """Explicitly moved to a GPU or a device variable (not a device_map)."""
        return self.device in (CUDA, VAR)


UNKNOWN = Value(None)


def _part(parent: Value) -> Value:
    """A submodule of ``parent``: same placement and dtype, not the same object."""
    return replace(parent, kind=MODULE, ident=0, part_of=parent.ident or parent.part_of)


_TENSOR_ATTRS = frozenset({"weight", "bias", "data", "grad", "running_mean", "running_var"})


def _member(parent: Value, attr: str) -> Value:
    """``model.vpm`` is a part of the model; ``layer.weight`` is one of its tensors."""
    if attr in _TENSOR_ATTRS:
        return Value(TENSOR, parent.device, parent.dtype, parent.device_expr, (), next(_ids))
    return _part(parent)


def _new(
    kind: str,
    device: str | None,
    dtype: str | None,
    *events: Event,
    device_expr: cst.BaseExpression | None = None,
) -> Value:
    return Value(kind, device, dtype, device_expr, tuple(events), next(_ids))


@dataclass(frozen=True)
class CallObs:
    """A module (or something that runs one) called on arguments."""

    node: cst.Call
    callee: str
    module: Value
    args: tuple[tuple[cst.Arg, Value], ...]
    env: dict[str, Value]  # the state right before the call
    autocast: bool = False  # inside ``with torch.autocast(...)``: dtypes are managed
    # A module class of the file whose forward was followed with these arguments:
    # what it does with them is observed there (and reported at this call).
    followed: bool = False
    # Made while following a module call into its forward (at any depth): the call
    # that ran the module is observed itself.
    in_forward: bool = False


@dataclass(frozen=True)
class WrapObs:
    """``DataParallel(model)``, ``DDP(model, device_ids=[rank])``, ``FSDP(model)``."""

    node: cst.Call
    wrapper: str
    inner_path: str
    inner: Value
    gpu_evidence: Event | None  # a move to a GPU, set_device, ... in the scope


@dataclass(frozen=True)
class DiscardObs:
    """``x.to(device)`` as a statement, with ``x``'s value."""

    node: cst.Call
    receiver: Value
    statement: cst.Expr


@dataclass(frozen=True)
class MixObs:
    """A tensor made on the CPU (``cpu``) meets one on a device (``device``) in a
    ``torch.cat``/``stack`` or arithmetic at ``node``."""

    node: cst.CSTNode
    cpu: Value
    device: Value
    device_expr: cst.BaseExpression  # the code of the operand on the device


@dataclass(frozen=True)
class LateModuleObs:
    """A submodule added after the parent module was placed, with no placement after."""

    node: cst.CSTNode  # the assignment / setattr / conversion
    parent: str
    placement: Event
    what: str
    root: str = ""  # the model that was placed, when ``parent`` is a part of it
    # Attached in a function the placing one calls: the placement's device is not a
    # name there.
    in_callee: bool = False
    # Then ``node`` is the statement of the call that reached the attachment (in the
    # function that placed the model), and this is the attachment itself.
    attached: cst.CSTNode | None = None


@dataclass(frozen=True)
class LossObs:
    """A loss called on an input and a target (``F.cross_entropy(logits, labels)``)."""

    loss: str  # as messages name it: "cross_entropy", "BCELoss", ...
    qualified: str  # its qualified name, a key of torch_api.LOSSES
    target_arg: cst.Arg
    target: Value
    input: Value


@dataclass(frozen=True)
class OptimizerObs:
    """A module moved to a device (``move``) after an optimizer over its parameters
    made or loaded its state on the CPU (``state``), then stepped at ``step``."""

    move: Event
    state: Event
    step: cst.Call
    optimizer: str  # as the step names it


K = TypeVar("K", bound=cst.CSTNode)
V = TypeVar("V")


class Observations(dict[K, V]):
    """What the walk saw at each node: as a dict, the function's own walk (its
    parameters unknown); ``all(node)`` adds what it saw there each time the function
    was followed from a call site of the file, with that call's arguments."""

    def __init__(self) -> None:
        super().__init__()
        self.in_context: dict[K, list[V]] = {}

    def add(self, node: K, value: V, depth: int) -> None:
        if depth == 0:
            self[node] = value
        else:
            self.in_context.setdefault(node, []).append(value)

    def all(self, node: K) -> list[V]:
        own = self.get(node)
        more = self.in_context.get(node, [])
        return [own, *more] if own is not None else list(more)


@dataclass
class FlowFacts:
    calls: Observations[cst.Call, CallObs] = field(default_factory=Observations)
    wraps: Observations[cst.Call, WrapObs] = field(default_factory=Observations)
    discarded: Observations[cst.Call, DiscardObs] = field(default_factory=Observations)
    late_modules: Observations[cst.CSTNode, LateModuleObs] = field(default_factory=Observations)
    # Names that held a value which was then moved under its other name.
    stale: Observations[cst.Call, tuple[cst.Arg, str, Event]] = field(default_factory=Observations)
    # Keyed by the factory call that made the CPU tensor of each meeting.
    mixes: Observations[cst.CSTNode, MixObs] = field(default_factory=Observations)
    # ``t.numpy()`` / ``np.asarray(t)``: the tensor converted.
    to_numpy: Observations[cst.Call, Value] = field(default_factory=Observations)
    # ``F.cross_entropy(logits, target)`` and friends: the target argument and value.
    loss_targets: Observations[cst.Call, LossObs] = field(default_factory=Observations)
    # Keyed by the move of the module whose optimizer's state stays on the CPU.
    optimizer_states: Observations[cst.Call, OptimizerObs] = field(default_factory=Observations)


def _parameter_free(value: Value) -> bool:
    """An ``nn`` module with no weights of its own (pooling, activations, losses)."""
    return value.dtype is None and value.origin.startswith("torch.nn.")


def _merge_values(a: Value, b: Value) -> Value:
    if a == b:
        return a
    if a.kind == b.kind == OPTIMIZER and a.part_of == b.part_of:
        # The state left on the CPU on one path (``if args.resume: load(...)``, or
        # a helper that returns Adagrad for one option) crashes the run that takes
        # it: that path's story is kept.
        left = a if a.device == CPU else b
        other = b if left is a else a
        events = left.events + tuple(e for e in other.events if e not in left.events)
        return replace(left, events=events, ident=a.ident if a.ident == b.ident else next(_ids))
    if a.ident and a.ident == b.ident and a.kind == b.kind:
        events = a.events + tuple(e for e in b.events if e not in a.events)
        return replace(
            a,
            device=a.device if a.device == b.device else MAYBE,
            dtype=a.dtype if a.dtype == b.dtype else MAYBE,
            device_expr=a.device_expr if a.device_expr is b.device_expr else None,
            events=events,
        )
    if a.kind == b.kind == LIST:
        if not a.items or not b.items:
            return a if a.items else b  # [] before the loop, [x, ...] after it
        return replace(a, items=(_merge_values(a.items[0], b.items[0]),))
    if a.kind == b.kind == TUPLE and len(a.items) == len(b.items):
        return replace(
            a, items=tuple(_merge_values(x, y) for x, y in zip(a.items, b.items, strict=True))
        )
    if a.kind == b.kind == MODULE and (a.ident or a.part_of) == (b.ident or b.part_of) != 0:
        # ``model.get_submodule(name) if name else model``: a part of the model
        return replace(
            _part(a if a.part_of else b),
            device=a.device if a.device == b.device else MAYBE,
            dtype=a.dtype if a.dtype == b.dtype else MAYBE,
        )
    if a.kind == b.kind == MODULE and a.last("create") and b.last("create"):
        # ``nn.Linear(...) if n else nn.Identity()``: a new module either way, made
        # where both agree (the first one's story names where).
        return Value(
            MODULE,
            a.device if a.device == b.device else MAYBE,
            a.dtype if a.dtype == b.dtype else MAYBE,
            a.device_expr if a.device == b.device else None,
            a.events,
            next(_ids),
            origin=a.origin if _parameter_free(a) and _parameter_free(b) else "",
        )
    if a.kind == b.kind == TENSOR:
        # Two different tensors by one name (x = f(x) in a loop): still a tensor, and
        # whatever both agree on.
        return Value(
            TENSOR,
            a.device if a.device == b.device else MAYBE,
            a.dtype if a.dtype == b.dtype else MAYBE,
            None,
            (),
            next(_ids),
        )
    return UNKNOWN


def _unpass(value: Value, call: cst.Call) -> Value:
    """``value`` without the "pass" events of ``call``'s arguments: what a function
    returns (or leaves in a module) is back with the caller."""
    handed = {id(a.value) for a in call.args}
    kept = tuple(e for e in value.events if not (e.action == "pass" and id(e.node) in handed))
    return value if len(kept) == len(value.events) else replace(value, events=kept)


def _mentions_device(node: cst.CSTNode) -> bool:
    """``.to(``, ``.cuda(``, ``device=`` or a name with "device" anywhere under ``node``."""
    for sub in nodes(node, cst.Name):
        if sub.value in ("to", "cuda") or "device" in sub.value:
            return True
    return False


def _same_place(q: str) -> bool:
    """``torch.sigmoid``, ``torch.nn.functional.interpolate``: functions whose result
    is where (and, but for argmax/argmin, as) their input."""
    head, _, last = q.rpartition(".")
    return head in ("torch", "torch.nn.functional") and last in SAME_PLACE_OPS


def _same_place_result(value: Value, op: str) -> Value:
    """A new tensor made from ``value`` by ``op`` (in SAME_PLACE_OPS)."""
    dtype = "int64" if op in INDEX_RESULTS else value.dtype
    return replace(value, dtype=dtype, ident=next(_ids), moved_from=0)


def _number(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.UnaryOperation):
        node = node.expression
    return isinstance(node, (cst.Integer, cst.Float))


def _join(values: Sequence[Value]) -> Value:
    """The tensor made from ``values`` (``torch.cat``, ``a + b``): where they all are,
    when they agree; a CPU one among them keeps its story (it is what meets the
    device ones)."""
    devices = {v.device for v in values}
    dtypes = {v.dtype for v in values}
    device = devices.pop() if len(devices) == 1 else MAYBE
    dtype = dtypes.pop() if len(dtypes) == 1 else MAYBE
    story = next((v for v in values if v.device == device), values[0])
    return Value(TENSOR, device, dtype, story.device_expr, story.events, next(_ids))


def _merge(a: dict[str, Value], b: dict[str, Value]) -> dict[str, Value]:
    out = {}
    for key in a.keys() | b.keys():
        if key in a and key in b:
            out[key] = _merge_values(a[key], b[key])
        else:
            out[key] = UNKNOWN
    return out


# How deep calls to the file's own functions are followed, and how many times per
# file in all (each time walks the callee again, with the call's arguments).
MAX_CALL_DEPTH = 3
MAX_CALLS_FOLLOWED = 400


class _Scope:
    """One walk over one function (or the module body); ``depth`` > 0 when the
    function is followed from a call site, with the call's arguments bound."""

    def __init__(
        self,
        walker: FlowWalker,
        env: dict[str, Value],
        depth: int = 0,
        stack: tuple[cst.FunctionDef, ...] = (),
        cls: ClassFacts | None = None,
    ) -> None:
        self.w = walker
        self.env = env
        self.gpu_evidence: Event | None = None
        self.autocast = 0
        self.depth = depth
        self.stack = stack
        self.cls = cls
        self.returns: list[Value] = []
        self.stmt: cst.CSTNode | None = None  # the statement being walked
        self.in_forward = False  # followed from a module call (see CallObs)
        # Walking from an entry: the module body or a function of the file, or what
        # they call. A class's own methods, walked on their own, follow only their
        # class's methods (the screen groups the code the same way).
        self.entry = cls is None

    # ------------------------------------------------------------ lookups
    def lookup(self, path: str) -> Value | None:
        if path in self.env:
            return self.env[path]
        # model.vpm: a part of a module shares its placement and dtype.
        head, _, _ = path.rpartition(".")
        while head:
            parent = self.env.get(head)
            if parent is not None:
                if parent.kind in (MODULE, WRAPPER):
                    return _member(parent, path.rsplit(".", 1)[-1])
                return None
            head, _, _ = head.rpartition(".")
        return None

    def set(self, path: str, value: Value) -> None:
        # Re-binding ``model`` forgets what was known about ``model.x``.
        prefix = path + "."
        for key in [k for k in self.env if k.startswith(prefix)]:
            del self.env[key]
        self.env[path] = value

    def update_ident(self, ident: int, value: Value) -> None:
        """A module changed in place: every name holding it sees the change."""
        for key, v in list(self.env.items()):
            if v.ident == ident:
                self.env[key] = replace(value, ident=ident, moved_from=v.moved_from)
                # model.to(device) also moves model.vpm, whatever was known about it.
                for child in [k for k in self.env if k.startswith(key + ".")]:
                    del self.env[child]

    def escape(self, value: Value) -> None:
        """Passed to code we cannot see: it may have been moved or cast there."""
        if value.kind in (MODULE, WRAPPER) and value.ident:
            self.update_ident(value.ident, replace(value, device=None, dtype=None))
        elif value.kind == OPTIMIZER and value.ident:
            self.update_ident(value.ident, replace(value, device=MAYBE))

    # ------------------------------------------------------------ devices
    def device_of(self, node: cst.BaseExpression) -> tuple[str | None, cst.BaseExpression | None]:
        """(device class, the expression) if ``node`` denotes a device."""
        if isinstance(node, cst.SimpleString):
            text = node.evaluated_value
            if isinstance(text, str):
                kind = text.split(":", 1)[0]
                if kind in (CPU, CUDA, "mps", "xpu", "npu", "meta"):
                    return (CPU if kind == CPU else "meta" if kind == "meta" else CUDA), node
            return None, None
        if isinstance(node, cst.FormattedString):
            text = "".join(p.value for p in node.parts if isinstance(p, cst.FormattedStringText))
            return (CUDA, node) if text.startswith(CUDA) else (None, None)
        if isinstance(node, cst.Integer):
            return CUDA, node
        if isinstance(node, cst.Call):
            q = self.w.analysis.qualify(node.func)
            if q == "torch.device" and node.args:
                literal, _ = self.device_of(node.args[0].value)
                return (literal or VAR), node
            return None, None
        name = dotted(node)
        if name is not None:
            value = self.lookup(name)
            if (value is None or (value.kind == DEVICE and not value.device)) and names_cpu(
                name, self.cls, self.w.analysis
            ):
                return CPU, node  # self._cpu_device = torch.device("cpu")
            if value is not None and value.kind == DEVICE:
                return value.device or VAR, node
            last = name.rsplit(".", 1)[-1].lower()
            if last == "dev" or last.endswith(("device", "rank", "gpu")) or last.startswith("gpu"):
                return VAR, node
        return None, None

    def dtype_of(self, node: cst.BaseExpression) -> str | None:
        d = torch_dtype(node, self.w.analysis)
        if d is not None:
            return d
        name = dotted(node)
        if name is not None:
            value = self.lookup(name)
            if value is not None and value.kind == DTYPE:
                return value.dtype or MAYBE
            if "dtype" in name.rsplit(".", 1)[-1].lower() or name.endswith(".dtype"):
                return MAYBE
        return None

    def to_args(
        self, call: cst.Call
    ) -> tuple[tuple[str | None, cst.BaseExpression | None], str | None]:
        """What ``.to(...)`` asks for: ((device, expr), dtype)."""
        device: tuple[str | None, cst.BaseExpression | None] = (None, None)
        dtype = None
        for arg in call.args:
            if arg.star:
                return (MAYBE, None), MAYBE
            kw = arg.keyword.value if arg.keyword else None
            if kw == "device":
                d = self.device_of(arg.value)
                device = d if d[0] else (VAR, arg.value)
            elif kw == "dtype":
                dtype = self.dtype_of(arg.value) or MAYBE
            elif kw is None:
                d = self.device_of(arg.value)
                if d[0]:
                    device = d
                    continue
                t = self.dtype_of(arg.value)
                if t:
                    dtype = t
                    continue
                other = self.eval(arg.value)
                if other.kind == TENSOR:  # .to(other): other's device and dtype
                    device, dtype = (other.device or VAR, arg.value), other.dtype or MAYBE
                else:
                    device = (MAYBE, None)
        return device, dtype

    # ------------------------------------------------------------ expressions
    def guard(self, test: cst.BaseExpression) -> str | None:
        """Which branch of ``if test:`` the GPU run of a script takes: "body" for
        ``torch.cuda.is_available()``, ``x.is_cuda``, ``device.type == "cuda"`` and
        ``__name__ == "__main__"`` (a script runs its main block), "orelse" for their
        negation or ``device.type == "cpu"``; None for anything else (both merge)."""
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            inner = self.guard(test.expression)
            return {"body": "orelse", "orelse": "body"}.get(inner or "")
        if isinstance(test, cst.Call):
            if self.w.analysis.qualify(test.func) == "torch.cuda.is_available":
                return "body"
            return None
        if isinstance(test, cst.Attribute) and test.attr.value == "is_cuda":
            return "body"
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            target = test.comparisons[0]
            op = target.operator
            if not isinstance(op, (cst.Equal, cst.NotEqual)):
                return None
            sides = (test.left, target.comparator)
            words = {s.evaluated_value for s in sides if isinstance(s, cst.SimpleString)}
            names = {dotted(s) for s in sides} - {None}
            if "__main__" in words and "__name__" in names:
                branch = "body"
            elif any(n is not None and n.endswith(".type") for n in names) and words & {
                "cuda",
                "cpu",
            }:
                branch = "body" if "cuda" in words else "orelse"
            else:
                return None
            if isinstance(op, cst.NotEqual):
                branch = "orelse" if branch == "body" else "body"
            return branch
        return None

    def eval(self, node: cst.BaseExpression) -> Value:
        if isinstance(node, cst.IfExp):
            # "cuda" if torch.cuda.is_available() else "cpu": the GPU run's value
            self.eval(node.test)
            body, orelse = self.eval(node.body), self.eval(node.orelse)
            taken = self.guard(node.test)
            if taken == "body":
                return body
            if taken == "orelse":
                return orelse
            return _merge_values(body, orelse) if body.kind == orelse.kind else UNKNOWN
        if isinstance(node, cst.SimpleString):
            device, expr = self.device_of(node)  # device = "cuda:0"
            return Value(DEVICE, device, None, expr) if device else UNKNOWN
        if isinstance(node, cst.Integer):  # real_label = 1: what torch.full(..., it) makes
            return Value(NUMBER, dtype="int64")
        if isinstance(node, cst.Float):
            return Value(NUMBER, dtype="float32")
        if isinstance(node, (cst.Name, cst.Attribute)):
            name = dotted(node)
            if name is not None:
                if isinstance(node, cst.Attribute) and node.attr.value in ("device", "dtype"):
                    owner = self.lookup(dotted(node.value) or "")
                    if owner is not None and owner.kind in (MODULE, WRAPPER, TENSOR, ENCODING):
                        if node.attr.value == "device":
                            return Value(DEVICE, owner.device, None, node)
                        return Value(DTYPE, None, owner.dtype)
                    return Value(
                        DEVICE if node.attr.value == "device" else DTYPE,
                        VAR if node.attr.value == "device" else None,
                        None,
                        node,
                    )
                value = self.lookup(name)
                if value is not None:
                    return value
                if isinstance(node, cst.Attribute):
                    self.touch_optimizer(name)
                if isinstance(node, cst.Name) and name in self.w.top_functions and self.entry:
                    return Value(FUNCTION, origin=name)  # metric=compute_metrics
                if isinstance(node, cst.Attribute):
                    owner = self.lookup(dotted(node.value) or "")
                    if owner is not None and owner.kind == ENCODING:
                        return replace(owner, kind=TENSOR)  # enc.input_ids
                return UNKNOWN
        if isinstance(node, cst.Attribute):  # on a call or subscript: tokenizer(...).input_ids
            owner = self.eval(node.value)
            if owner.kind == ENCODING:
                return replace(owner, kind=TENSOR)
            if owner.kind in (MODULE, WRAPPER):
                return _member(owner, node.attr.value)
            return UNKNOWN
        if isinstance(node, cst.Subscript):
            owner = self.eval(node.value)
            if owner.kind == ENCODING:
                return replace(owner, kind=TENSOR, ident=next(_ids))  # enc["input_ids"]
            if owner.kind in (MODULE, WRAPPER):
                return _part(owner)  # model.layers[3]
            if owner.kind in (TENSOR, NDARRAY):
                return replace(owner, ident=next(_ids), moved_from=0)  # x[:, -1]: same place
            if owner.kind == TUPLE:
                index = node.slice[0].slice if len(node.slice) == 1 else None
                if isinstance(index, cst.Index) and isinstance(index.value, cst.Integer):
                    i = int(index.value.value)
                    return owner.items[i] if i < len(owner.items) else UNKNOWN
            return UNKNOWN
        if isinstance(node, (cst.ListComp, cst.GeneratorExp)):
            return self.comprehension(node)
        if isinstance(node, cst.List) and not node.elements:
            return Value(LIST)
        if isinstance(node, (cst.Tuple, cst.List)) and not any(
            isinstance(e, cst.StarredElement) for e in node.elements
        ):
            return Value(TUPLE, items=tuple(self.eval(e.value) for e in node.elements))
        if isinstance(node, cst.BinaryOperation):
            return self.arithmetic(node)
        if isinstance(node, cst.Comparison):
            left = self.eval(node.left)
            for target in node.comparisons:
                self.eval(target.comparator)
            if left.kind == TENSOR:  # probs > 0.5: a bool tensor, where probs is
                return replace(left, dtype="bool", ident=next(_ids), moved_from=0)
            return UNKNOWN
        if isinstance(node, cst.Call):
            return self.call(node)
        for child in node.children:
            if isinstance(child, cst.BaseExpression):
                self.eval(child)
            elif isinstance(child, (cst.Arg, cst.Element, cst.DictElement, cst.StarredElement)):
                for sub in child.children:
                    if isinstance(sub, cst.BaseExpression):
                        self.eval(sub)
        return UNKNOWN

    def comprehension(self, node: cst.ListComp | cst.GeneratorExp) -> Value:
        """``[f(t) for t in xs]``: a list of what ``f(t)`` is for a member of ``xs``.
        The loop names are the comprehension's own, so the scope is left as it was."""
        saved = dict(self.env)
        try:
            clause: cst.CompFor | None = node.for_in
            while clause is not None:
                self.assign(clause.target, self.element(clause.iter), self.stmt or node)
                for condition in clause.ifs:
                    self.eval(condition.test)
                clause = clause.inner_for_in
            element = self.eval(node.elt)
        finally:
            self.env = saved
        return Value(LIST, items=(element,) if element.kind is not None else ())

    def arithmetic(self, node: cst.BinaryOperation) -> Value:
        """``a + b``, ``x * 0.5``, ``a @ b``: a tensor where its operands are; with a
        plain number, where the tensor is. Anything unknown makes it unknown."""
        left, right = self.eval(node.left), self.eval(node.right)
        if left.kind in (TENSOR, MOVED) and right.kind in (TENSOR, MOVED):
            return self.join((left, right), node, (node.left, node.right))
        for tensor, other in ((left, right), (right, left)):
            if tensor.kind == TENSOR and (
                other.kind == NUMBER or _number(node.right if other is right else node.left)
            ):
                return replace(tensor, ident=next(_ids), moved_from=0)
        return UNKNOWN

    def join(
        self,
        values: Sequence[Value],
        node: cst.CSTNode,
        exprs: Sequence[cst.BaseExpression],
    ) -> Value:
        """``torch.cat``/``stack`` or arithmetic of tensors (``exprs``): records a
        tensor made on the CPU meeting one on a device (the op fails there)."""
        for cpu in values:
            made = cpu.last("create") if cpu.kind == TENSOR and cpu.device == CPU else None
            if made is None:
                continue
            other = next(
                ((v, e) for v, e in zip(values, exprs, strict=True) if v.on_accelerator), None
            )
            if other is not None:
                mix = MixObs(node, cpu, other[0], other[1])
                self.w.facts.mixes.add(made.node, mix, self.depth)
        return _join(values)

    def call(self, node: cst.Call) -> Value:
        w = self.w
        func = node.func
        q = w.analysis.qualify(func)
        if isinstance(func, cst.Call):  # nn.CrossEntropyLoss()(logits, labels)
            made = self.eval(func)
            args = [(a, self.eval(a.value)) for a in node.args]
            if made.kind in (MODULE, WRAPPER):
                self.observe_call(node, made.origin.rsplit(".", 1)[-1] or "module", made, args)
                return replace(
                    _new(TENSOR, made.device if made.placed else None, made.dtype),
                    origin="module call",
                )
            self.escape_args(args)
            return UNKNOWN
        args = [(a, self.eval(a.value)) for a in node.args]

        if q is not None:
            return self.qualified_call(node, q, args)

        whole = dotted(func)
        if whole is not None and isinstance(func, cst.Attribute):
            value = self.lookup(whole)
            if value is not None and value.kind in (MODULE, WRAPPER) and whole in self.env:
                # self.enc(x): the attribute itself is a module being called.
                self.observe_call(node, whole, value, args)
                return replace(
                    _new(TENSOR, value.device if value.placed else None, value.dtype),
                    origin="module call",
                )

        if isinstance(func, cst.Attribute):
            method = func.attr.value
            receiver_path = dotted(func.value)
            receiver = (
                self.eval(func.value)
                if receiver_path is None
                else (self.lookup(receiver_path) or UNKNOWN)
            )
            if method in MODEL_LOADERS:
                return self.from_pretrained(node, func)
            if receiver_path == "self" and self.cls is not None:
                fn = w.methods(self.cls).get(method)
                if fn is not None:
                    result = self.follow(fn, node, args, self.cls)
                    if result is not None:
                        return result
            if receiver_path is not None and "." in receiver_path:
                self.touch_optimizer(receiver_path)  # optimizer.state.values()
            if receiver.kind == OPTIMIZER:
                return self.optimizer_method(node, receiver_path, receiver, method, args)
            if method == "step" and len(args) == 1 and args[0][1].kind == OPTIMIZER:
                # scaler.step(optimizer): GradScaler steps the optimizer
                stepped = dotted(args[0][0].value)
                return self.optimizer_method(node, stepped, args[0][1], "step", [])
            if receiver.kind in (LIST, TUPLE) and method == "append" and len(args) == 1:
                if receiver_path is not None and receiver_path in self.env:
                    members = (*receiver.items, args[0][1])
                    self.set(receiver_path, Value(LIST, items=(reduce(_merge_values, members),)))
                return UNKNOWN
            if receiver.kind == OBJECT:
                result = self.method_of(receiver, method, node, args)
                if result is not None:
                    return result
                self.escape_args(args)
                return UNKNOWN
            if receiver.kind in (MODULE, WRAPPER):
                return self.module_method(node, receiver_path, receiver, method, args)
            if receiver.kind in (TENSOR, ENCODING, MOVED):
                return self.tensor_method(node, receiver, method)
            if receiver.kind == NDARRAY:
                if method == "astype" and node.args:
                    return replace(
                        receiver, dtype=_numpy_dtype(node.args[0].value), ident=next(_ids)
                    )
                if method in _NUMPY_KEEP_DTYPE:
                    return replace(receiver, ident=next(_ids))
                return UNKNOWN
            if receiver.kind == TOKENIZER and method in (
                "__call__",
                "encode_plus",
                "batch_encode_plus",
                "apply_chat_template",
            ):
                return _new(ENCODING, CPU, None, Event("create", node))
            if method == "prepare" and receiver_path and "accelerator" in receiver_path.lower():
                return self.placed_all(node, args, "accelerator.prepare")
            if receiver.kind is None and (
                method in _TENSOR_ONLY_CASTS
                or (method == "to" and self.to_args(node)[1] in _INT_DTYPES)
            ):
                # Only tensors have .int()/.long(), and modules cannot be cast to an
                # integer dtype: this is a tensor.
                dtype = _TENSOR_ONLY_CASTS.get(method) or self.to_args(node)[1]
                return _new(TENSOR, None, dtype, Event("cast", node, dtype or ""))
            if method in ("to", "cuda") and receiver.kind is None:
                (device, expr), _ = self.to_args(node) if method == "to" else ((CUDA, None), None)
                self.escape_args(args)
                if device not in (None, CPU, MAYBE):
                    event = Event("move", node, device)
                    self.gpu_evidence = self.gpu_evidence or event
                    return _new(MOVED, device, None, event, device_expr=expr)
                return UNKNOWN
            if method == "set_device" and receiver_path and receiver_path.endswith("cuda"):
                self.gpu_evidence = self.gpu_evidence or Event("move", node, "set_device")
            self.escape_args(args)
            return UNKNOWN

        name = dotted(func)
        if name is not None:
            value = self.lookup(name)
            if value is not None and value.kind == OBJECT:
                result = self.method_of(value, "__call__", node, args)
                if result is not None:
                    return result
                self.escape_args(args)
                return UNKNOWN
            if value is not None and value.kind == FUNCTION:
                result = self.follow(w.top_functions[value.origin], node, args, None)
                if result is not None:
                    return result
                self.escape_args(args)
                return UNKNOWN
            if value is not None and value.kind in (MODULE, WRAPPER, MOVED):
                # (something moved and then called can only be a module)
                self.observe_call(node, name, value, args)
                return replace(
                    _new(TENSOR, value.device if value.placed else None, value.dtype),
                    origin="module call",
                )
            if value is not None and value.kind == TOKENIZER:
                return _new(ENCODING, CPU, None, Event("create", node))
            cls = w.local_modules.get(name)
            if cls is not None:
                # Model(device=...): the class builds its state there itself.
                placed = any(a.keyword and a.keyword.value == "device" for a, _ in args)
                module = _new(MODULE, MAYBE if placed else CPU, "float32", Event("create", node))
                if not self.entry:
                    return module
                module = replace(module, origin=f"local:{name}")
                attrs = self.construct(cls, node, args)
                if module.device == CPU and any(
                    v.kind == TENSOR and v.device not in (None, CPU) for v in attrs.values()
                ):
                    # Its __init__ makes weights where something else is (LoRA factors
                    # made with ``device=base.weight.device``): not surely on the CPU.
                    module = replace(module, device=MAYBE)
                w.objects[module.ident] = (cls, attrs)
                return module
            if self.entry:
                if name in w.cpu_datasets:
                    return self.instance(w.cpu_datasets[name], node, args)
                cls = w.local_classes.get(name)
                if cls is not None:
                    obj = replace(_new(OBJECT, None, None, Event("create", node)), origin=name)
                    w.objects[obj.ident] = (cls, self.construct(cls, node, args))
                    return obj
                fn = w.top_functions.get(name)
                if fn is not None and (value is None or value.kind is None):
                    result = self.follow(fn, node, args, None)
                    if result is not None:
                        return result
        if name in _INERT_BUILTINS:
            return UNKNOWN  # setattr(model, ...), len(x), print(x): nothing is moved
        self.escape_args(args)
        return UNKNOWN

    def follow(
        self,
        fn: cst.FunctionDef,
        node: cst.Call,
        args: list[tuple[cst.Arg, Value]],
        cls: ClassFacts | None,
    ) -> Value | None:
        """A call to a function (or, with ``cls``, a method of the class being
        walked) of this file: walk its body with the call's arguments bound to its
        parameters, and return what it returns. Values handed over carry a "pass"
        event (the argument), so a finding about them can name the call. None when
        the call is not followed (too deep, recursive, ``*args``, over budget): the
        caller then treats it as a call it cannot see."""
        own = {k: v for k, v in self.env.items() if k == "self" or k.startswith("self.")}
        sub = self.enter(fn, node, args, cls, own if cls is not None else {})
        return None if sub is None else sub.returned(node)

    def construct(
        self, cls: ClassFacts, node: cst.Call, args: list[tuple[cst.Arg, Value]]
    ) -> dict[str, Value]:
        """The ``self.`` attributes ``cls.__init__`` sets, run on this call's arguments."""
        init = self.w.methods(cls).get("__init__")
        if init is None:
            self.escape_args(args)
            return {}
        sub = self.enter(init, node, args, cls, {})
        if sub is None:
            self.escape_args(args)
            return {}
        return {k: _unpass(v, node) for k, v in sub.env.items() if k.startswith("self.")}

    def method_of(
        self,
        obj: Value,
        method: str,
        node: cst.Call,
        args: list[tuple[cst.Arg, Value]],
        label: str = "",
    ) -> Value | None:
        """``obj.method(...)`` (or ``obj(...)``: ``__call__``, ``forward``) on an instance
        of a class of the file: the method walked with the instance's attributes, which
        it may change for the methods called after it. ``label``: how the call names
        the callee (``model`` for ``model(x)``), for messages."""
        known = self.w.objects.get(obj.ident)
        if known is None:
            return None
        cls, attrs = known
        fn = self.w.methods(cls).get(method)
        if fn is None:
            return None
        own = {"self": obj, **_instance_attrs(obj, attrs)}
        sub = self.enter(fn, node, args, cls, own, label)
        if sub is None:
            return None
        if obj.kind == OBJECT:
            self.w.objects[obj.ident] = (
                cls,
                {k: v for k, v in sub.env.items() if k.startswith("self.")},
            )
        return sub.returned(node)

    def instance(self, cls: ClassFacts, node: cst.Call, args: list[tuple[cst.Arg, Value]]) -> Value:
        """``Dataset(...)`` of a Dataset class of the file: what its ``__getitem__``
        returns, with ``__init__`` run on this call's arguments."""
        methods = self.w.methods(cls)
        attrs = self.construct(cls, node, args)
        item = UNKNOWN
        getitem = methods.get("__getitem__")
        if getitem is not None:
            sub = self.enter(getitem, node, [], cls, attrs)
            if sub is not None:
                item = sub.returned(node)
        return replace(_new(DATASET, CPU, None, Event("create", node)), items=(item,))

    def returned(self, call: cst.Call) -> Value:
        """What this walk of a function returned, back with the caller of ``call``."""
        if not self.returns:
            return UNKNOWN
        return _unpass(reduce(_merge_values, self.returns), call)

    def enter(
        self,
        fn: cst.FunctionDef,
        node: cst.Call,
        args: list[tuple[cst.Arg, Value]],
        cls: ClassFacts | None,
        own: dict[str, Value],
        label: str = "",
    ) -> _Scope | None:
        """Walk ``fn`` for the call ``node``: its parameters bound to ``args``, the
        module's bindings and ``own`` (``self.`` attributes) visible. The walked
        scope, or None when the call is not followed. The "pass" events name the
        callee as ``label`` (``model``) or, by default, ``fn()``."""
        w = self.w
        if (
            self.depth >= MAX_CALL_DEPTH
            or fn in self.stack
            or w.followed >= MAX_CALLS_FOLLOWED
            or any(a.star for a, _ in args)
        ):
            return None
        w.followed += 1
        p = fn.params
        positional = [*p.posonly_params, *p.params]
        decorators = {dotted(d.decorator) for d in fn.decorators}
        if cls is not None and "staticmethod" not in decorators and positional:
            positional = positional[1:]  # self (or cls), bound below
        given = [(a, v) for a, v in args if a.keyword is None]
        by_name = {a.keyword.value: (a, v) for a, v in args if a.keyword is not None}
        bound: dict[str, tuple[cst.Arg, Value]] = {}
        for i, param in enumerate(positional):
            if i < len(given):
                bound[param.name.value] = given[i]
            elif param.name.value in by_name:
                bound[param.name.value] = by_name[param.name.value]
        for param in p.kwonly_params:
            if param.name.value in by_name:
                bound[param.name.value] = by_name[param.name.value]
        env = w.globals_for(fn)
        env.update(own)
        for param in (*positional, *p.kwonly_params):
            name = param.name.value
            if name in bound:
                arg, value = bound[name]
                if value.kind is not None:
                    handed = Event(
                        "pass",
                        arg.value,
                        label or f"{fn.name.value}()",
                        path="module" if label else "",  # an input of a module's forward
                        statement=self.stmt,
                    )
                    value = replace(value, events=(*value.events, handed))
                env[name] = value
            else:
                env[name] = self.default(param.default)
        for star in (p.star_arg, p.star_kwarg):
            if isinstance(star, cst.Param):
                env[star.name.value] = UNKNOWN
        sub = _Scope(w, env, self.depth + 1, (*self.stack, fn), cls)
        sub.entry = self.entry
        sub.in_forward = self.in_forward or bool(label)
        sub.gpu_evidence = self.gpu_evidence
        sub.autocast = self.autocast
        # Submodules the callee attaches are judged at the end of the outermost walk,
        # where later moves of the model are seen; stale names are the callee's own.
        pending, moved_away = dict(w.pending_late), w.moved_away
        w.pending_late.clear()
        w.moved_away = {}
        try:
            sub.body(fn.body.body)
        finally:
            for attached, (ident, *_) in w.pending_late.items():
                if isinstance(self.stmt, cst.SimpleStatementLine) and any(
                    v.ident == ident for v in self.env.values()
                ):
                    # The call (here) that attached it, where the model has this name:
                    # the line to change. The outermost such call wins.
                    w.late_calls[attached] = self.stmt
            w.pending_late.update(pending)
            w.moved_away = moved_away
        # A module handed over and moved or cast in place is moved for the caller too.
        for _, value in bound.values():
            if value.kind in (MODULE, WRAPPER, OPTIMIZER) and value.ident:
                final = next((v for v in sub.env.values() if v.ident == value.ident), None)
                if final is not None:
                    self.update_ident(value.ident, _unpass(final, node))
        self.gpu_evidence = self.gpu_evidence or sub.gpu_evidence
        return sub

    def default(self, node: cst.BaseExpression | None) -> Value:
        """A parameter's default, when it says a device or a dtype (``device="cpu"``)."""
        if node is None:
            return UNKNOWN
        if isinstance(node, cst.SimpleString):
            device, expr = self.device_of(node)
            return Value(DEVICE, device, None, expr) if device else UNKNOWN
        dtype = torch_dtype(node, self.w.analysis)
        return Value(DTYPE, None, dtype) if dtype else UNKNOWN

    def escape_args(self, args: Iterable[tuple[cst.Arg, Value]]) -> None:
        for _, value in args:
            self.escape(value)

    def qualified_call(self, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
        if q in ("torch.nn.Parameter", "torch.nn.parameter.Parameter", "torch.nn.Buffer"):
            inner = args[0][1] if args else UNKNOWN
            if inner.kind != TENSOR:
                return UNKNOWN
            # A parameter moves with its module (``_instance_attrs``).
            return replace(inner, kind=TENSOR, origin="parameter")
        if q.startswith("torch.nn.") and q.rsplit(".", 1)[-1][:1].isupper() and q not in _PARALLEL:
            if "." in q[len("torch.nn.") :] and not q.startswith("torch.nn.modules."):
                # torch.nn.SyncBatchNorm.convert_sync_batchnorm, torch.nn.utils...: these
                # keep the original parameters (already placed), so nothing new.
                self.escape_args(args)
                return UNKNOWN
            # Parameter-free modules (losses, activations, pooling) have no dtype of
            # their own: they compute in whatever dtype they are given.
            last = q.rsplit(".", 1)[-1]
            dtype = "float32" if last.startswith((*PARAMETRIZED_MODULES, "Sequential")) else None
            device: str | None = CPU
            expr = None
            for arg, _ in args:  # nn.Linear(..., device=..., dtype=...)
                if arg.star == "**":  # nn.Linear(..., **factory): may say where, and as what
                    device, dtype, expr = MAYBE, MAYBE, None
                elif arg.keyword is not None and arg.keyword.value == "dtype":
                    dtype = self.dtype_of(arg.value) or MAYBE
                elif arg.keyword is not None and arg.keyword.value == "device":
                    device, expr = self.device_of(arg.value)
                    device, expr = device or VAR, expr or arg.value
            module = _new(MODULE, device, dtype, Event("create", node), device_expr=expr)
            return replace(module, origin=q)
        if q in _PARALLEL:
            return self.parallel(node, _PARALLEL[q], args)
        if q in _PEFT_WRAPPERS or (q.endswith(".from_pretrained") and q.startswith("peft.")):
            wrapped_value = next((v for a, v in args if v.kind in (MODULE, WRAPPER)), None)
            if wrapped_value is not None:
                inner = wrapped_value
                wrapped = replace(
                    inner,
                    kind=WRAPPER,
                    events=inner.events + (Event("wrap", node, q.rsplit(".", 1)[-1]),),
                )
                self.update_ident(inner.ident, wrapped)
                return wrapped
            return UNKNOWN
        if q.rsplit(".", 1)[-1] in MODEL_LOADERS:
            return self.from_pretrained(node, node.func)  # type: ignore[arg-type]
        if makes_module(q):  # timm.create_model(...), GPT2LMHeadModel(config)
            return replace(_new(MODULE, CPU, "float32", Event("create", node)), origin=q)
        if q.startswith("torch.optim."):
            made = self.optimizer(node, q, args)
            if made is not None:
                return made
            if ".lr_scheduler." in q:
                return UNKNOWN  # a scheduler sets learning rates, never moves the state
        if q == "torch.device":
            kind, expr = self.device_of(node)
            return Value(DEVICE, kind, None, expr)
        if q == "torch.cuda.set_device":
            self.gpu_evidence = self.gpu_evidence or Event("move", node, "set_device")
            return UNKNOWN
        if q == "deepspeed.initialize":
            return self.placed_all(node, args, "deepspeed.initialize")
        if q.startswith("torch.") and q.rsplit(".", 1)[-1] in _FACTORIES:
            return self.factory(node, q.rsplit(".", 1)[-1], args)
        if _same_place(q) and args and args[0][1].kind == TENSOR:
            # torch.sigmoid(x), F.softmax(x): a new tensor where x is
            return _same_place_result(args[0][1], q.rsplit(".", 1)[-1])
        if q in _JOINS and args and args[0][1].kind == LIST and args[0][1].items:
            member = args[0][1].items[0]  # torch.stack(tiles): where (and as) each tile is
            if member.kind in (TENSOR, MOVED):
                return _join([member])
            return UNKNOWN
        if q in _JOINS and args and args[0][1].kind == TUPLE and args[0][1].items:
            items = args[0][1].items
            listed = args[0][0].value
            exprs = (
                tuple(e.value for e in listed.elements)
                if isinstance(listed, (cst.List, cst.Tuple))
                else ()
            )
            if all(v.kind in (TENSOR, MOVED) for v in items) and len(exprs) == len(items):
                return self.join(items, node, exprs)
            return UNKNOWN
        if q in _LOADERS:
            if any(a.keyword and a.keyword.value == "collate_fn" for a, _ in args):
                return UNKNOWN  # a collate function may move or convert the batch
            dataset = next(
                (v for a, v in args if a.keyword is None or a.keyword.value == "dataset"), UNKNOWN
            )
            if dataset.kind != DATASET or dataset.device != CPU:
                return UNKNOWN  # a dataset that may hold device tensors batches them there
            return replace(_new(LOADER, CPU, None, Event("create", node)), items=dataset.items)
        if q in _TENSOR_DATASETS:
            if args and all(v.kind == TENSOR and v.device == CPU for _, v in args):
                item = Value(TUPLE, items=tuple(v for _, v in args))
                return replace(_new(DATASET, CPU, None, Event("create", node)), items=(item,))
            return UNKNOWN
        if q.startswith("torchvision.datasets."):
            return _new(DATASET, CPU, None, Event("create", node))
        if q in LOSSES:
            self.loss(node, q, args)
            return UNKNOWN
        if q.startswith("numpy."):
            return self.numpy_call(node, q, args)
        self.escape_args(args)
        return UNKNOWN

    def factory(self, node: cst.Call, name: str, args: list[tuple[cst.Arg, Value]]) -> Value:
        if name.endswith("_like"):
            like = args[0][1] if args else UNKNOWN
            return _new(TENSOR, like.device, like.dtype, Event("create", node))
        # (A file that sets a default device makes factories land there, not on the CPU.)
        device: str | None = MAYBE if self.w.analysis.gates.default_device else CPU
        expr: cst.BaseExpression | None = None
        dtype: str | None = "float32" if name in _FLOAT_FACTORIES else None
        if name in ("tensor", "as_tensor", "from_numpy") and args and args[0][1].kind == NDARRAY:
            dtype = args[0][1].dtype  # torch keeps numpy's dtype: float64 stays float64
        elif name in ("tensor", "as_tensor") and args and args[0][0].keyword is None:
            dtype = _literal_dtype(args[0][0].value)  # [0.5, 1.0]: float32; [1, 2]: int64
        elif name == "full" and len(args) >= 2 and args[1][0].keyword is None:
            fill = args[1][1]  # torch.full(size, 1) is int64, torch.full(size, 1.0) float32
            dtype = fill.dtype if fill.kind == NUMBER else None
        elif name == "arange" and args:
            numbers = [a.value for a, _ in args if a.keyword is None]
            dtype = (
                "float32"
                if any(_has_float_literal(n) for n in numbers)
                else "int64"
                if numbers and all(_number(n) for n in numbers)
                else None
            )
        for arg, _ in args:
            if arg.keyword and arg.keyword.value == "device":
                device, expr = self.device_of(arg.value)
                device = device or VAR
                expr = expr or arg.value
            elif arg.keyword and arg.keyword.value == "dtype":
                dtype = self.dtype_of(arg.value) or MAYBE
            elif arg.star == "**":  # torch.zeros(n, **factory): may say where, and as what
                device, expr, dtype = MAYBE, None, MAYBE
        return _new(TENSOR, device, dtype, Event("create", node), device_expr=expr)

    def numpy_call(self, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
        name = q[len("numpy.") :]
        if name in ("array", "asarray") and args and args[0][1].kind == TENSOR:
            self.w.facts.to_numpy.add(node, args[0][1], self.depth)
            return _new(NDARRAY, CPU, None)
        listed = args[0][1] if args else UNKNOWN
        if (
            name in NUMPY_CONVERSIONS
            and listed.kind in (LIST, TUPLE)
            and listed.items
            and all(v.kind == TENSOR for v in listed.items)
        ):
            # np.concatenate(preds): every tensor of the list is converted
            self.w.facts.to_numpy.add(node, listed, self.depth)
            return _new(NDARRAY, CPU, None)
        dtype: str | None = None
        first = args[0][1] if args else UNKNOWN
        if name in _NUMPY_FLOAT64:
            dtype = "float64"
        elif name in _NUMPY_INT64:
            dtype = "int64"
        elif name in _NUMPY_KEEP_DTYPE and first.kind == NDARRAY:
            dtype = first.dtype
            if dtype is None:
                return replace(first, ident=next(_ids))
        elif name in _NUMPY_UFUNCS and first.kind == NDARRAY and first.dtype is not None:
            dtype = "float32" if first.dtype in ("float32", "float16") else "float64"
        elif (
            name in ("array", "asarray", "ascontiguousarray")
            and args
            and args[0][1].kind == NDARRAY
        ):
            dtype = args[0][1].dtype  # a copy keeps the dtype
        elif name in ("array", "asarray") and args and _has_float_literal(args[0][0].value):
            dtype = "float64"
        for arg, _ in args:
            if arg.keyword and arg.keyword.value == "dtype":
                dtype = _numpy_dtype(arg.value)
        if dtype is None and name not in ("array", "asarray", "arange"):
            return UNKNOWN
        return _new(NDARRAY, CPU, dtype, Event("create", node))

    def loss(self, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> None:
        by_name = {a.keyword.value: (a, v) for a, v in args if a.keyword is not None}
        positional = [(a, v) for a, v in args if a.keyword is None and not a.star]
        target = by_name.get("target") or (positional[1] if len(positional) >= 2 else None)
        given = by_name.get("input") or (positional[0] if positional else None)
        if target is not None:
            obs = LossObs(LOSSES[q], q, target[0], target[1], given[1] if given else UNKNOWN)
            self.w.facts.loss_targets.add(node, obs, self.depth)

    def from_pretrained(self, node: cst.Call, func: cst.BaseExpression) -> Value:
        owner = dotted(func.value) if isinstance(func, cst.Attribute) else None
        low = (owner or "").lower()
        if any(k in low for k in ("token", "processor", "featureextractor", "feature_extractor")):
            return _new(TOKENIZER, None, None, Event("create", node))
        # Configs, schedulers, GenerationConfig, adapters: not a model. (By the class's
        # own name: ``BartForConditionalGeneration`` is a model.)
        last = low.rsplit(".", 1)[-1]
        if last.endswith(("config", "scheduler")) or "adapter" in last:
            return UNKNOWN
        if (
            owner
            and self.w.analysis.qualify(func) is None
            and owner.split(".")[0] not in (self.w.analysis.imports.names)
        ):
            return UNKNOWN  # a local object's method: nothing known
        # Recent transformers load in the checkpoint's dtype unless told otherwise.
        dtype: str | None = None
        device: str | None = CPU
        expr = None
        events = [Event("create", node)]
        for arg in node.args:
            kw = arg.keyword.value if arg.keyword else None
            if kw in ("torch_dtype", "dtype"):
                dtype = self.dtype_of(arg.value) or MAYBE
                if isinstance(arg.value, cst.SimpleString):
                    dtype = MAYBE  # "auto": whatever the checkpoint says
                if dtype in HALF_DTYPES:
                    events.append(Event("cast", arg, dtype))
            elif kw == "device_map":
                device, expr = AUTO, arg.value
                if _cpu_map(arg.value):
                    device = CPU  # device_map="cpu" / {"": "cpu"}: placed, on the CPU
                events.append(Event("place", arg, CPU if device == CPU else "device_map"))
            elif kw in ("load_in_8bit", "load_in_4bit", "quantization_config"):
                device = AUTO  # quantized loading places the weights itself
        return Value(MODULE, device, dtype, expr, tuple(events), next(_ids))

    def placed_all(self, node: cst.Call, args: list[tuple[cst.Arg, Value]], how: str) -> Value:
        placed = []
        for _, value in args:
            if value.kind == OPTIMIZER:
                self.escape(value)  # accelerate moves an optimizer's state with the model
            if value.kind in (MODULE, WRAPPER) and value.ident:
                new = replace(
                    value, device=PREPARED, events=value.events + (Event("place", node, how),)
                )
                self.update_ident(value.ident, new)
                placed.append(new)
        # model = accelerator.prepare(model): the result is the placed model.
        return placed[0] if len(args) == 1 and placed else UNKNOWN

    def module_method(
        self,
        node: cst.Call,
        path: str | None,
        receiver: Value,
        method: str,
        args: list[tuple[cst.Arg, Value]],
    ) -> Value:
        events = receiver.events
        new = receiver
        if (
            method in ("to", "cuda", "cpu", "to_empty")
            or method in _CAST_METHODS
            or (method == "type" and args)
        ):
            if method == "to" or method == "to_empty":
                (device, expr), dtype = self.to_args(node)
            elif method == "cuda":
                device, expr, dtype = CUDA, (node.args[0].value if node.args else None), None
            elif method == "cpu":
                device, expr, dtype = CPU, None, None
            elif method == "type":
                device, expr, dtype = None, None, self.dtype_of(node.args[0].value) or MAYBE
            else:
                device, expr, dtype = None, None, _CAST_METHODS[method]
            if dtype is not None:
                events += (Event("cast", node, dtype, path or "", frozenset(self.env)),)
                new = replace(new, dtype=dtype)
            if device is not None:
                events += (Event("move", node, device, path or ""),)
                new = replace(new, device=device, device_expr=expr)
            new = replace(new, events=events)
            if path is not None and receiver.ident == 0:
                # A part moved on its own (model.vpm.to(device), or dit.to(device)
                # after dit = pipe.transformer): the part changes, and where the whole
                # is becomes unknown, since nothing tells whether every part that runs
                # was moved.
                if device is not None and receiver.part_of:
                    root = next((v for v in self.env.values() if v.ident == receiver.part_of), None)
                    if root is not None:
                        self.update_ident(receiver.part_of, replace(root, device=MAYBE))
                self.set(path, replace(new, ident=next(_ids)))
            elif receiver.ident:
                self.update_ident(receiver.ident, new)
            if device is not None and device not in (CPU, MAYBE):
                self.gpu_evidence = self.gpu_evidence or events[-1]
                if receiver.ident:
                    self.left_behind(receiver.ident, events[-1])
            return new
        if method in ("eval", "train", "requires_grad_", "apply"):
            return receiver  # these return the module itself
        if method == "parameters" and (receiver.ident or receiver.part_of):
            return Value(
                PARAMS,
                receiver.device,
                ident=next(_ids),
                part_of=receiver.ident or receiver.part_of,
            )
        if method == "get_submodule":
            return _part(receiver)
        if method in _MODULE_PLUMBING:
            return UNKNOWN
        if receiver.ident == 0 and not method.startswith(FORWARD_LIKE):
            # A method of a part (pipe.image_processor.postprocess, ...): not known
            # to run the part's weights.
            return UNKNOWN
        if receiver.origin.startswith("local:") and method != "forward":
            # A method of a module class of the file: its body says what it does
            # with its arguments (it may move them itself).
            known = self.w.objects.get(receiver.ident)
            if known is not None and method in self.w.methods(known[0]):
                result = self.method_of(receiver, method, node, args)
                if result is not None:
                    return result
        # Anything else on a module runs it: forward, generate, forward_features, ...
        self.observe_call(node, f"{path}.{method}" if path else method, receiver, args)
        return replace(
            _new(TENSOR, receiver.device if receiver.placed else None, receiver.dtype),
            # (what other methods return is less sure to be an output of the weights)
            origin="module call" if method.startswith(FORWARD_LIKE) else "module method",
        )

    def tensor_method(self, node: cst.Call, receiver: Value, method: str) -> Value:
        if (
            method == "to"
            or method in ("cuda", "cpu")
            or method in _CAST_METHODS
            or (method in _TENSOR_ONLY_CASTS)
            or (method == "type" and node.args)
        ):
            if method == "to":
                (device, expr), dtype = self.to_args(node)
            elif method == "cuda":
                device, expr, dtype = CUDA, None, None
            elif method == "cpu":
                device, expr, dtype = CPU, None, None
            elif method == "type":
                legacy = legacy_type(node.args[0].value, self.w.analysis)
                device = legacy.device if legacy else None
                expr, dtype = None, (legacy.dtype if legacy else self.dtype_of(node.args[0].value))
            else:
                device, expr = None, None
                dtype = _CAST_METHODS.get(method) or _TENSOR_ONLY_CASTS.get(method)
            events = receiver.events
            if dtype is not None:
                events += (Event("cast", node, dtype),)
            if device is not None:
                events += (Event("move", node, device),)
            moved = Value(
                receiver.kind,
                device if device is not None else receiver.device,
                dtype if dtype is not None else receiver.dtype,
                expr if device is not None else receiver.device_expr,
                events,
                next(_ids),
                receiver.ident,
            )
            if receiver.kind == ENCODING and method == "to":
                # BatchEncoding.to() moves in place and returns itself.
                self.update_ident(receiver.ident, replace(moved, ident=receiver.ident))
                return replace(moved, ident=receiver.ident)
            if device not in (None, CPU, MAYBE):
                self.gpu_evidence = self.gpu_evidence or events[-1]
            return moved
        if method == "numpy" and receiver.kind in (TENSOR, MOVED):
            self.w.facts.to_numpy.add(node, receiver, self.depth)
            return _new(NDARRAY, CPU, receiver.dtype)
        if method in SAME_PLACE_OPS or method == "__getitem__":
            return _same_place_result(receiver, method)
        return UNKNOWN

    def parallel(self, node: cst.Call, wrapper: str, args: list[tuple[cst.Arg, Value]]) -> Value:
        inner_arg = next(
            ((a, v) for a, v in args if a.keyword is None or a.keyword.value == "module"), None
        )
        if inner_arg is None:
            return UNKNOWN
        arg, inner = inner_arg
        for a, _ in args:
            if a.keyword and a.keyword.value in ("device_ids", "device_id"):
                self.gpu_evidence = self.gpu_evidence or Event("move", a, "device_ids")
        if inner.kind in (MODULE, WRAPPER):
            self.w.facts.wraps.add(
                node,
                WrapObs(node, wrapper, dotted(arg.value) or "the model", inner, self.gpu_evidence),
                self.depth,
            )
            return replace(
                inner,
                kind=WRAPPER,
                ident=inner.ident,
                events=inner.events + (Event("wrap", node, wrapper),),
            )
        return UNKNOWN

    def optimizer(self, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value | None:
        """``torch.optim.Adam(model.parameters(), ...)``: an optimizer over the model's
        parameters. One that makes its state as it is built (Adagrad) makes it where
        the parameters are now."""
        keywords = {a.keyword.value: a.value for a, _ in args if a.keyword is not None}
        positional = [v for a, v in args if a.keyword is None and not a.star]
        if len(positional) >= 3 and "momentum" not in keywords:  # SGD(params, lr, momentum)
            keywords["momentum"] = args[2][0].value
        how = optimizer_state(q, keywords)
        if how is None:
            return None
        params = next((v for a, v in args if a.keyword and a.keyword.value == "params"), UNKNOWN)
        params = positional[0] if positional else params
        if params.kind != PARAMS:
            return UNKNOWN
        create = Event("create", node, q.rsplit(".", 1)[-1])
        module = self.by_ident(params.part_of)
        made = _new(OPTIMIZER, None, None, create)
        if how == "eager" and module is not None and module.device == CPU:
            state = Event("state", node, "made", q.rsplit(".", 1)[-1])
            made = replace(made, device=CPU, events=(create, state))
        return replace(made, part_of=params.part_of, origin=q)

    def by_ident(self, ident: int) -> Value | None:
        return next((v for v in self.env.values() if ident and v.ident == ident), None)

    def optimizer_method(
        self,
        node: cst.Call,
        path: str | None,
        optimizer: Value,
        method: str,
        args: list[tuple[cst.Arg, Value]],
    ) -> Value:
        if method == "load_state_dict":
            # torch puts the loaded state where each parameter is now.
            module = self.by_ident(optimizer.part_of)
            device = module.device if module is not None else None
            handed = optimizer.handed_in()
            state = Event(
                "state",
                node,
                "loaded",
                handed.detail if handed is not None else "",  # the helper: load_checkpoint()
                statement=handed.statement if handed is not None else None,
            )
            new = replace(
                optimizer,
                device=CPU if device == CPU else None if device is not None else MAYBE,
                events=(*optimizer.events, state),
            )
            self.update_ident(optimizer.ident, new)
        elif method == "step" and optimizer.device == CPU:
            last = optimizer.last("state", "left")
            made = optimizer.last("state")
            if last is not None and last.action == "left" and made is not None:
                assert isinstance(last.node, cst.Call)
                obs = OptimizerObs(last, made, node, path or "the optimizer")
                self.w.facts.optimizer_states.add(last.node, obs, self.depth)
        else:
            self.escape_args(args)
        return UNKNOWN

    def left_behind(self, module: int, move: Event) -> None:
        """``module`` was moved to a device: an optimizer over its parameters whose
        state is on the CPU keeps it there (``Module.to()`` moves parameters only)."""
        for value in list(self.env.values()):
            if value.kind == OPTIMIZER and value.part_of == module and value.device == CPU:
                left = Event("left", move.node, move.detail, move.path)
                self.update_ident(value.ident, replace(value, events=(*value.events, left)))

    def touch_optimizer(self, path: str) -> None:
        """``optimizer.state`` read or written (the state moved by hand, say): where
        the state is becomes unknown."""
        parts = path.split(".")
        for i in range(1, len(parts)):
            value = self.env.get(".".join(parts[:i]))
            if value is not None and value.kind == OPTIMIZER:
                if parts[i] == "state":
                    self.escape(value)
                return

    def observe_call(
        self, node: cst.Call, callee: str, module: Value, args: list[tuple[cst.Arg, Value]]
    ) -> None:
        env = dict(self.env)
        followed = False
        if module.origin.startswith("local:") and module.ident:
            # A module class of the file, called: its forward, with these inputs and
            # its submodules where the instance is.
            followed = self.method_of(module, "forward", node, args, callee) is not None
        self.w.facts.calls.add(
            node,
            CallObs(
                node, callee, module, tuple(args), env, self.autocast > 0, followed, self.in_forward
            ),
            self.depth,
        )
        if module.origin in LOSSES:
            self.loss(node, module.origin, args)
        for arg, value in args:
            if value.kind == TENSOR and value.ident:
                stale = self.w.moved_away.get(value.ident)
                if stale is not None:
                    name = dotted(arg.value)
                    if name is not None and name != stale[0]:
                        self.w.facts.stale.add(node, (arg, stale[0], stale[1]), self.depth)

    # ------------------------------------------------------------ statements
    def body(self, statements: Sequence[cst.CSTNode]) -> None:
        for stmt in statements:
            self.statement(stmt)

    def statement(self, stmt: cst.CSTNode) -> None:
        if isinstance(stmt, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            outer, self.stmt = self.stmt, stmt
            try:
                self._statement(stmt)
            finally:
                self.stmt = outer
        else:
            self._statement(stmt)

    def _statement(self, stmt: cst.CSTNode) -> None:
        if isinstance(stmt, cst.SimpleStatementLine):
            self.body(stmt.body)
        elif isinstance(stmt, cst.Assign):
            value = self.eval(stmt.value)
            self.w.results[stmt.value] = value
            for target in stmt.targets:
                self.assign(target.target, value, stmt)
        elif isinstance(stmt, cst.AnnAssign) and stmt.value is not None:
            self.assign(stmt.target, self.eval(stmt.value), stmt)
        elif isinstance(stmt, cst.AugAssign):
            self.eval(stmt.value)
            name = dotted(stmt.target)
            if name is not None:
                self.set(name, UNKNOWN)
        elif isinstance(stmt, cst.Expr):
            expr = stmt.value
            known = None
            if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
                known = self.lookup(dotted(expr.func.value) or "")
            self.eval(expr)
            if (
                (known is None or known.kind is None)
                and isinstance(expr, cst.Call)
                and isinstance(expr.func, cst.Attribute)
                and expr.func.attr.value in ("to", "cuda")
            ):
                self.in_place_move(expr, expr.func)
            if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
                receiver = self.lookup(dotted(expr.func.value) or "")
                if (
                    receiver is not None
                    and receiver.kind == TENSOR
                    and expr.func.attr.value
                    in ("to", "cuda", "cpu", *_CAST_METHODS, *_TENSOR_ONLY_CASTS)
                ):
                    self.w.facts.discarded.add(expr, DiscardObs(expr, receiver, stmt), self.depth)
            if (
                isinstance(expr, cst.Call)
                and dotted(expr.func) == "setattr"
                and len(expr.args) >= 3
            ):
                self.late_assign(dotted(expr.args[0].value), self.eval(expr.args[2].value), stmt)
            if (
                isinstance(expr, cst.Call)
                and isinstance(expr.func, cst.Attribute)
                and expr.func.attr.value in ("add_module", "register_module")
                and len(expr.args) >= 2
            ):  # model.add_module("head", nn.Linear(...))
                self.late_assign(dotted(expr.func.value), self.eval(expr.args[1].value), stmt)
        elif isinstance(stmt, cst.Return):
            self.returns.append(UNKNOWN if stmt.value is None else self.eval(stmt.value))
        elif isinstance(stmt, cst.If):
            self.eval(stmt.test)
            taken = self.guard(stmt.test)
            before = dict(self.env)
            self.body(stmt.body.body)
            after_body = self.env
            self.env = dict(before)
            if stmt.orelse is not None:
                if isinstance(stmt.orelse, cst.If):
                    self.statement(stmt.orelse)
                else:
                    self.body(stmt.orelse.body.body)
            # A device guard: the crash happens in the GPU run, so the state after
            # it is that run's (both branches are still walked and observed).
            if taken == "body":
                self.env = after_body
            elif taken != "orelse":
                merged = _merge(after_body, self.env)
                filled = _filled_default(stmt, before)
                if filled is not None and filled in after_body:
                    # ``if h is None: h = torch.zeros(...)``: an argument nobody passed
                    # is what the default path makes; the other path knows nothing.
                    merged[filled] = after_body[filled]
                self.env = merged
        elif isinstance(stmt, (cst.For, cst.While)):
            if isinstance(stmt, cst.For):
                self.assign(stmt.target, self.element(stmt.iter), stmt)
            else:
                self.eval(stmt.test)
            before = dict(self.env)
            self.body(stmt.body.body)
            self.env = _merge(before, self.env)
            if stmt.orelse is not None:
                self.body(stmt.orelse.body.body)
        elif isinstance(stmt, cst.With):
            autocast = False
            for with_item in stmt.items:
                self.eval(with_item.item)
                if isinstance(with_item.item, cst.Call):
                    q = self.w.analysis.qualify(with_item.item.func) or ""
                    autocast = (
                        autocast or q.endswith(".autocast") or q.endswith("autocast_mode.autocast")
                    )
                if with_item.asname is not None:
                    name = dotted(with_item.asname.name)  # type: ignore[arg-type]
                    if name is not None:
                        self.set(name, UNKNOWN)
            self.autocast += autocast
            self.body(stmt.body.body)
            self.autocast -= autocast
        elif isinstance(stmt, (cst.Try, cst.TryStar)):
            before = dict(self.env)
            self.body(stmt.body.body)
            merged = _merge(before, self.env)
            for handler in stmt.handlers:
                self.env = dict(merged)
                self.body(handler.body.body)
                merged = _merge(merged, self.env)
            self.env = merged
            if stmt.orelse is not None:
                self.body(stmt.orelse.body.body)
            if stmt.finalbody is not None:
                self.body(stmt.finalbody.body.body)
        elif isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            name = stmt.name.value
            self.set(name, UNKNOWN)
        elif isinstance(stmt, (cst.Global, cst.Nonlocal)):
            for item in stmt.names:
                self.set(item.name.value, UNKNOWN)
        elif isinstance(stmt, (cst.Import, cst.ImportFrom, cst.Pass, cst.Break, cst.Continue)):
            return
        else:
            for child in stmt.children:
                if isinstance(child, cst.BaseExpression):
                    self.eval(child)

    def in_place_move(self, call: cst.Call, func: cst.Attribute) -> None:
        """``model.to(device)`` as a statement, on a name we knew nothing about: only
        a module moves in place, so that is what it holds from now on (a tensor there
        would be a no-op, which TL205 reports when the kind is known)."""
        name = dotted(func.value)
        if name is None:
            return
        if func.attr.value == "to":
            (device, expr), _ = self.to_args(call)
        else:
            device, expr = CUDA, (call.args[0].value if call.args else None)
        if device in (None, CPU, MAYBE):
            return
        self.set(name, _new(MODULE, device, None, Event("move", call, device), device_expr=expr))

    def element(self, node: cst.BaseExpression) -> Value:
        """What ``for x in node`` binds to ``x``: a batch of a DataLoader (through
        ``enumerate``, ``zip`` and ``tqdm``), a member of a tuple of tensors."""
        if isinstance(node, cst.Call) and not any(a.keyword or a.star for a in node.args):
            name = dotted(node.func)
            q = self.w.analysis.qualify(node.func) or name
            if name == "enumerate" and node.args:
                return Value(TUPLE, items=(UNKNOWN, self.element(node.args[0].value)))
            if name == "zip":
                return Value(TUPLE, items=tuple(self.element(a.value) for a in node.args))
            if (q in _ITERATE_THROUGH or name in ("list", "tuple")) and len(node.args) == 1:
                return self.element(node.args[0].value)  # for n, m in list(model.named_modules())
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            method = node.func.attr.value
            if method in _SUBMODULE_ITERATORS:
                owner = self.eval(node.func.value)
                if owner.kind in (MODULE, WRAPPER):
                    for arg in node.args:
                        self.eval(arg.value)
                    part = _part(owner)  # for name, module in model.named_modules()
                    return (
                        Value(TUPLE, items=(UNKNOWN, part)) if method.startswith("named") else part
                    )
        value = self.eval(node)
        if value.kind == LOADER:
            # A batch: a tensor, a tuple or a dict of them, on the CPU; made in the
            # loop, wherever the loader was handed from.
            if value.items and value.items[0].kind is not None:
                return _batched(value.items[0], value)
            events = tuple(e for e in value.events if e.action != "pass")
            return replace(value, kind=ENCODING, ident=next(_ids), events=events, items=())
        if value.kind in (TUPLE, LIST) and value.items:
            return reduce(_merge_values, value.items)
        if value.kind == TENSOR and value.origin != "module method":  # for row in x: the rows
            return replace(value, ident=next(_ids), moved_from=0)
        return UNKNOWN

    def assign(self, target: cst.BaseExpression, value: Value, stmt: cst.CSTNode) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            elements = [e for e in target.elements if isinstance(e, cst.Element)]
            starred = len(elements) != len(target.elements)
            for i, element in enumerate(elements):
                if value.kind == TUPLE and len(value.items) == len(elements) and not starred:
                    part = value.items[i]
                elif value.kind in (TENSOR, ENCODING) and not starred:
                    # x, y = batch: the parts of a batch (or the rows of a tensor)
                    part = replace(value, kind=TENSOR, ident=next(_ids), moved_from=0)
                else:
                    part = UNKNOWN
                self.assign(element.value, part, stmt)
            for starred_element in target.elements:
                if isinstance(starred_element, cst.StarredElement):
                    name = dotted(starred_element.value)
                    if name is not None:
                        self.set(name, UNKNOWN)
            return
        name = dotted(target)
        if name is None:
            if isinstance(target, cst.Subscript):
                self.eval(target.value)
            return
        old = self.env.get(name)
        if "." in name and value.kind == MODULE and any(e.action == "create" for e in value.events):
            self.late_assign(name.rpartition(".")[0], value, stmt)
        if old is not None and value.moved_from and old.ident == value.moved_from:
            # x = x.to(device): any other name still holding the old x is now stale.
            move = value.last("move")
            if move is not None:
                for other, v in self.env.items():
                    if other != name and v.ident == old.ident:
                        self.w.moved_away[old.ident] = (name, move)
        self.set(name, value)

    def late_assign(self, parent_path: str | None, value: Value, stmt: cst.CSTNode) -> None:
        if parent_path is None or value.kind != MODULE:
            return
        parent = self.lookup(parent_path)
        if parent is None or not parent.on_accelerator:
            return
        placement = parent.last("move", "place")
        if placement is None or not value.events or value.device not in (CPU,):
            return
        if _parameter_free(value):
            return  # pooling, activations: nothing to place
        ident = parent.ident or parent.part_of
        root = next((v for v in self.env.values() if v.ident == ident), None) if ident else None
        if root is not None:
            self.w.pending_late[stmt] = (ident, len(root.events), parent_path, placement)
            self.w.late_in_callee[stmt] = self.depth > 0
            self.w.late_roots[stmt] = next(k for k, v in self.env.items() if v.ident == ident)

    def finish(self) -> None:
        """At the end of the scope: submodules added after placement and never
        followed by another placement of the model they were added to."""
        for node, (ident, n_events, parent, placement) in self.w.pending_late.items():
            current = next((v for v in self.env.values() if v.ident == ident), None)
            if current is None or not current.on_accelerator:
                continue  # gone, escaped, or moved back: nothing to say
            if any(e.action in ("move", "place") for e in current.events[n_events:]):
                continue  # placed again afterwards
            call = self.w.late_calls.get(node) if self.w.late_in_callee.get(node, False) else None
            self.w.facts.late_modules.add(
                call or node,
                LateModuleObs(
                    call or node,
                    parent,
                    placement,
                    "a new submodule",
                    # (attached in a callee: the model as this scope names it)
                    next((k for k, v in self.env.items() if v.ident == ident), "")
                    if self.w.late_in_callee.get(node, False)
                    else self.w.late_roots.get(node, ""),
                    self.w.late_in_callee.get(node, False),
                    node if call is not None else None,
                ),
                self.depth,
            )
        self.w.pending_late.clear()


class FlowWalker:
    def __init__(self, analysis: FileFacts) -> None:
        self.analysis = analysis
        self.facts = FlowFacts()
        self.results: dict[cst.CSTNode, Value] = {}
        self.local_modules = {c.name: c for c in analysis.classes.values() if c.is_module}
        # Dataset classes of the file that never say a device: their items, and so a
        # DataLoader's batches (default collate), are CPU tensors.
        self.cpu_datasets = {
            c.name: c
            for c in analysis.classes.values()
            if not c.is_module
            and any(b.rsplit(".", 1)[-1].endswith("Dataset") for b in c.bases)
            and not _mentions_device(c.node)
        }
        self.moved_away: dict[int, tuple[str, Event]] = {}
        self.pending_late: dict[cst.CSTNode, tuple[int, int, str, Event]] = {}
        self.late_roots: dict[cst.CSTNode, str] = {}
        self.late_in_callee: dict[cst.CSTNode, bool] = {}
        self.late_calls: dict[cst.CSTNode, cst.CSTNode] = {}
        self.globals: dict[str, Value] = {}
        self.module_scope: _Scope | None = None  # while the module body is walked
        self.followed = 0  # calls followed into the file's own functions
        # Instances of the file's classes: their class and ``self.`` attributes.
        self.objects: dict[int, tuple[ClassFacts, dict[str, Value]]] = {}
        self.local_classes = {
            c.name: c
            for c in analysis.classes.values()
            if not c.is_module and c.name not in self.cpu_datasets
        }
        self.top_functions: dict[str, cst.FunctionDef] = {}
        self._methods: dict[ClassFacts, dict[str, cst.FunctionDef]] = {}

    def methods(self, cls: ClassFacts) -> dict[str, cst.FunctionDef]:
        if cls not in self._methods:
            self._methods[cls] = {m.name.value: m for m in _methods(cls)}
        return self._methods[cls]

    def globals_for(self, fn: cst.FunctionDef) -> dict[str, Value]:
        """What the module body bound, less the names ``fn``'s parameters shadow."""
        p = fn.params
        shadowed = {param.name.value for param in (*p.posonly_params, *p.params, *p.kwonly_params)}
        for star in (p.star_arg, p.star_kwarg):
            if isinstance(star, cst.Param):
                shadowed.add(star.name.value)
        # While the module body is walked, a function it calls sees the bindings made
        # so far (a model built at line 40 is known to the helper called at line 41).
        bindings = self.globals if self.module_scope is None else self.module_scope.env
        return {
            k: v
            for k, v in bindings.items()
            if v.kind is not None and k.split(".", 1)[0] not in shadowed
        }

    def run(self, module: cst.Module) -> FlowFacts:
        self.top_functions = {
            stmt.name.value: stmt for stmt in module.body if isinstance(stmt, cst.FunctionDef)
        }
        scope = _Scope(self, {})
        self.module_scope = scope
        try:
            scope.body(module.body)
        finally:
            self.module_scope = None
        scope.finish()
        # What the module body bound (a device, a dtype, a model built and placed at
        # top level) is what a function sees when the script calls it, at its end.
        self.globals = {k: v for k, v in scope.env.items() if v.kind is not None}
        for cls in self.analysis.classes.values():
            self._class(cls)
        for fn in self.analysis.functions.values():
            if fn.cls is not None and fn.node in {m for m in _methods(fn.cls)}:
                continue  # walked with its class
            self._function(fn.node, {}, fn.cls)
        return self.facts

    def _class(self, cls: ClassFacts) -> None:
        methods = _methods(cls)
        init = next((m for m in methods if m.name.value == "__init__"), None)
        attrs: dict[str, Value] = {}
        if init is not None:
            env = self._function(init, {}, cls)
            # Outside __init__ the whole module may have been moved or cast by its
            # owner: keep what each attribute IS, forget where it is.
            attrs = {
                k: replace(v, device=None, dtype=None, events=())
                for k, v in env.items()
                if k.startswith("self.") and v.kind is not None
            }
        for method in methods:
            if method is not init:
                self._function(method, dict(attrs), cls)

    def _function(
        self, node: cst.FunctionDef, env: dict[str, Value], cls: ClassFacts | None = None
    ) -> dict[str, Value]:
        self.moved_away = {}
        p = node.params
        env = {**self.globals_for(node), **env}
        for param in (*p.posonly_params, *p.params, *p.kwonly_params, p.star_arg, p.star_kwarg):
            if isinstance(param, cst.Param):
                env.setdefault(param.name.value, UNKNOWN)
        scope = _Scope(self, env, cls=cls)
        scope.body(node.body.body)
        scope.finish()
        return scope.env


def _instance_attrs(obj: Value, attrs: dict[str, Value]) -> dict[str, Value]:
    """An instance's attributes when one of its methods runs: a module's submodules
    and parameters are where the module is now (moved and cast with it)."""
    if obj.kind not in (MODULE, WRAPPER):
        return dict(attrs)
    out = {}
    for key, value in attrs.items():
        if value.kind in (MODULE, WRAPPER) or value.origin == "parameter":
            value = replace(
                value,
                device=obj.device,
                dtype=obj.dtype if value.kind in (MODULE, WRAPPER) else value.dtype,
                device_expr=obj.device_expr,
                events=obj.events,
                part_of=obj.ident,
            )
        out[key] = value
    return out


def _filled_default(stmt: cst.If, before: dict[str, Value]) -> str | None:
    """``x`` of ``if x is None: x = ...`` (no ``else``) when nothing is known of ``x``
    before: a parameter defaulting to None, filled in."""
    test = stmt.test
    if (
        stmt.orelse is None
        and isinstance(test, cst.Comparison)
        and len(test.comparisons) == 1
        and isinstance(test.comparisons[0].operator, cst.Is)
        and isinstance(test.comparisons[0].comparator, cst.Name)
        and test.comparisons[0].comparator.value == "None"
    ):
        name = dotted(test.left)
        if name is not None and before.get(name, UNKNOWN).kind is None:
            return name
    return None


def _batched(item: Value, loader: Value) -> Value:
    """A DataLoader's batch of dataset items (default collate): tensors, numpy
    arrays and numbers become CPU tensors of the same dtype, tuples stay tuples."""
    if item.kind == TUPLE:
        return replace(item, items=tuple(_batched(i, loader) for i in item.items))
    if item.kind in (TENSOR, NDARRAY):
        events = tuple(e for e in item.events if e.action != "pass")
        return Value(TENSOR, CPU, item.dtype, None, events, next(_ids))
    events = tuple(e for e in loader.events if e.action != "pass")
    return Value(TENSOR if item.kind is None else ENCODING, CPU, None, None, events, next(_ids))


def _methods(cls: ClassFacts) -> list[cst.FunctionDef]:
    out = []
    for stmt in cls.node.body.body:
        if isinstance(stmt, cst.FunctionDef):
            out.append(stmt)
    return out


def flow(analysis: FileFacts, module: cst.Module) -> FlowFacts:
    return FlowWalker(analysis).run(module)


__all__ = [
    "AUTO",
    "CPU",
    "CUDA",
    "DTYPES",
    "HALF_DTYPES",
    "MAYBE",
    "PREPARED",
    "VAR",
    "CallObs",
    "DiscardObs",
    "Event",
    "FlowFacts",
    "LateModuleObs",
    "MixObs",
    "Value",
    "WrapObs",
    "flow",
]
