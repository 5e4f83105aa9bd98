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

import libcst as cst

from torchlint.analysis.facts import Analysis, ClassFacts
from torchlint.analysis.names import dotted
from torchlint.analysis.torch_api import (
    DTYPES,
    FORWARD_LIKE,
    PARAMETRIZED_MODULES,
    legacy_type,
    torch_dtype,
)

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
    merge_and_unload unload get_base_model compile
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

_LOSSES = {
    "torch.nn.functional.cross_entropy": "cross_entropy",
    "torch.nn.functional.nll_loss": "nll_loss",
    "torch.nn.CrossEntropyLoss": "CrossEntropyLoss",
    "torch.nn.NLLLoss": "NLLLoss",
}
_NUMPY_FLOAT64 = frozenset(
    "zeros ones empty linspace logspace loadtxt genfromtxt random.rand random.randn "
    "random.random random.normal random.uniform random.standard_normal".split()
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

    def last(self, *actions: str) -> Event | None:
        for event in reversed(self.events):
            if event.action in actions:
                return event
        return None

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
class LateModuleObs:
    """A submodule added after the parent module was placed, with no placement after."""

    node: cst.CSTNode  # the assignment / setattr / conversion
    parent: str
    placement: Event
    what: str
    root: str = ""  # the model that was placed, when ``parent`` is a part of it


@dataclass
class FlowFacts:
    calls: dict[cst.Call, CallObs] = field(default_factory=dict)
    wraps: dict[cst.Call, WrapObs] = field(default_factory=dict)
    discarded: dict[cst.Call, DiscardObs] = field(default_factory=dict)
    late_modules: dict[cst.CSTNode, LateModuleObs] = field(default_factory=dict)
    # Names that held a value which was then moved under its other name.
    stale: dict[cst.Call, tuple[cst.Arg, str, Event]] = field(default_factory=dict)
    # ``t.numpy()`` / ``np.asarray(t)``: the tensor converted.
    to_numpy: dict[cst.Call, Value] = field(default_factory=dict)
    # ``F.cross_entropy(logits, target)`` and friends: the target argument and value.
    loss_targets: dict[cst.Call, tuple[str, cst.Arg, Value]] = field(default_factory=dict)


def _merge_values(a: Value, b: Value) -> Value:
    if a == b:
        return a
    if a.ident and a.ident == b.ident and a.kind == b.kind:
        events = a.events + tuple(e for e in b.events if e not in a.events)
        return replace(
            a,
            device=a.device if a.device == b.device else MAYBE,
            dtype=a.dtype if a.dtype == b.dtype else MAYBE,
            device_expr=a.device_expr if a.device_expr is b.device_expr else None,
            events=events,
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


def _merge(a: dict[str, Value], b: dict[str, Value]) -> dict[str, Value]:
    out = {}
    for key in a.keys() | b.keys():
        if key in a and key in b:
            out[key] = _merge_values(a[key], b[key])
        else:
            out[key] = UNKNOWN
    return out


class _Scope:
    """One walk over one function (or the module body)."""

    def __init__(self, walker: FlowWalker, env: dict[str, Value]) -> None:
        self.w = walker
        self.env = env
        self.gpu_evidence: Event | None = None
        self.autocast = 0

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
    def eval(self, node: cst.BaseExpression) -> Value:
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
                return replace(owner, kind=TENSOR)  # enc["input_ids"]
            if owner.kind in (MODULE, WRAPPER):
                return _part(owner)  # model.layers[3]
            return UNKNOWN
        if isinstance(node, cst.Call):
            return self.call(node)
        if isinstance(node, cst.BinaryOperation):
            self.eval(node.left)
            self.eval(node.right)
            return UNKNOWN
        for child in node.children:
            if isinstance(child, cst.BaseExpression):
                self.eval(child)
            elif isinstance(child, (cst.Arg, cst.Element, cst.DictElement, cst.StarredElement)):
                for sub in child.children:
                    if isinstance(sub, cst.BaseExpression):
                        self.eval(sub)
        return UNKNOWN

    def call(self, node: cst.Call) -> Value:
        w = self.w
        func = node.func
        q = w.analysis.qualify(func)
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
            if method == "from_pretrained":
                return self.from_pretrained(node, func)
            if receiver.kind in (MODULE, WRAPPER):
                return self.module_method(node, receiver_path, receiver, method, args)
            if receiver.kind in (TENSOR, ENCODING, MOVED):
                return self.tensor_method(node, receiver, method)
            if receiver.kind == NDARRAY:
                if method == "astype" and node.args:
                    return replace(
                        receiver, dtype=_numpy_dtype(node.args[0].value), ident=next(_ids)
                    )
                if method in ("copy", "reshape", "transpose", "squeeze"):
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
                return _new(MODULE, CPU, "float32", Event("create", node))
        self.escape_args(args)
        return UNKNOWN

    def escape_args(self, args: Iterable[tuple[cst.Arg, Value]]) -> None:
        for _, value in args:
            self.escape(value)

    def qualified_call(self, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
        if q in ("torch.nn.Parameter", "torch.nn.parameter.Parameter", "torch.nn.Buffer"):
            inner = args[0][1] if args else UNKNOWN
            return replace(inner, kind=TENSOR) if inner.kind == TENSOR else UNKNOWN
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
                if arg.keyword is not None and arg.keyword.value == "dtype":
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
        if q.endswith(".from_pretrained"):
            return self.from_pretrained(node, node.func)  # type: ignore[arg-type]
        if q in ("timm.create_model",) or q.startswith("torchvision.models."):
            return _new(MODULE, CPU, "float32", Event("create", node))
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
        if q in _LOSSES:
            self.loss(node, _LOSSES[q], args)
            return UNKNOWN
        if q.startswith("numpy."):
            return self.numpy_call(node, q, args)
        self.escape_args(args)
        return UNKNOWN

    def factory(self, node: cst.Call, name: str, args: list[tuple[cst.Arg, Value]]) -> Value:
        if name.endswith("_like"):
            like = args[0][1] if args else UNKNOWN
            return _new(TENSOR, like.device, like.dtype, Event("create", node))
        device: str | None = CPU
        expr: cst.BaseExpression | None = None
        dtype: str | None = "float32" if name in _FLOAT_FACTORIES else None
        if name in ("tensor", "as_tensor", "from_numpy") and args and args[0][1].kind == NDARRAY:
            dtype = args[0][1].dtype  # torch keeps numpy's dtype: float64 stays float64
        for arg, _ in args:
            if arg.keyword and arg.keyword.value == "device":
                device, expr = self.device_of(arg.value)
                device = device or VAR
                expr = expr or arg.value
            elif arg.keyword and arg.keyword.value == "dtype":
                dtype = self.dtype_of(arg.value) or MAYBE
        return _new(TENSOR, device, dtype, Event("create", node), device_expr=expr)

    def numpy_call(self, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
        name = q[len("numpy.") :]
        if name in ("array", "asarray") and args and args[0][1].kind == TENSOR:
            self.w.facts.to_numpy[node] = args[0][1]
            return _new(NDARRAY, CPU, None)
        dtype: str | None = None
        if name in _NUMPY_FLOAT64:
            dtype = "float64"
        elif name in ("array", "asarray") and args and _has_float_literal(args[0][0].value):
            dtype = "float64"
        for arg, _ in args:
            if arg.keyword and arg.keyword.value == "dtype":
                dtype = _numpy_dtype(arg.value)
        if dtype is None and name not in ("array", "asarray", "arange"):
            return UNKNOWN
        return _new(NDARRAY, CPU, dtype, Event("create", node))

    def loss(self, node: cst.Call, name: str, args: list[tuple[cst.Arg, Value]]) -> None:
        target = next((a for a in args if a[0].keyword and a[0].keyword.value == "target"), None)
        positional = [a for a in args if a[0].keyword is None and not a[0].star]
        if target is None and len(positional) >= 2:
            target = positional[1]
        if target is not None:
            self.w.facts.loss_targets[node] = (name, target[0], target[1])

    def from_pretrained(self, node: cst.Call, func: cst.BaseExpression) -> Value:
        owner = dotted(func.value) if isinstance(func, cst.Attribute) else None
        low = (owner or "").lower()
        if any(k in low for k in ("token", "processor", "featureextractor", "feature_extractor")):
            return _new(TOKENIZER, None, None, Event("create", node))
        if any(k in low for k in ("config", "scheduler", "generation", "adapter")):
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
            return new
        if method in ("eval", "train", "requires_grad_", "apply"):
            return receiver  # these return the module itself
        if method == "get_submodule":
            return _part(receiver)
        if method in _MODULE_PLUMBING:
            return UNKNOWN
        if receiver.ident == 0 and not method.startswith(FORWARD_LIKE):
            # A method of a part (pipe.image_processor.postprocess, ...): not known
            # to run the part's weights.
            return UNKNOWN
        # Anything else on a module runs it: forward, generate, forward_features, ...
        self.observe_call(node, f"{path}.{method}" if path else method, receiver, args)
        return replace(
            _new(TENSOR, receiver.device if receiver.placed else None, receiver.dtype),
            origin="module call",
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
            self.w.facts.to_numpy[node] = receiver
            return _new(NDARRAY, CPU, receiver.dtype)
        if method in (
            "detach",
            "contiguous",
            "clone",
            "unsqueeze",
            "squeeze",
            "view",
            "reshape",
            "permute",
            "transpose",
            "flatten",
            "float",
            "__getitem__",
            # same device, new tensor
            "argmax",
            "argmin",
            "sum",
            "mean",
            "softmax",
            "log_softmax",
            "sigmoid",
            "tanh",
            "relu",
            "abs",
            "exp",
            "log",
            "round",
            "clamp",
            "expand",
            "repeat",
        ):
            return replace(receiver, ident=next(_ids), moved_from=0)
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
            self.w.facts.wraps[node] = WrapObs(
                node, wrapper, dotted(arg.value) or "the model", inner, self.gpu_evidence
            )
            return replace(
                inner,
                kind=WRAPPER,
                ident=inner.ident,
                events=inner.events + (Event("wrap", node, wrapper),),
            )
        return UNKNOWN

    def observe_call(
        self, node: cst.Call, callee: str, module: Value, args: list[tuple[cst.Arg, Value]]
    ) -> None:
        self.w.facts.calls[node] = CallObs(
            node, callee, module, tuple(args), dict(self.env), self.autocast > 0
        )
        loss = _LOSSES.get(module.origin)
        if loss is not None:
            self.loss(node, loss, args)
        for arg, value in args:
            if value.kind == TENSOR and value.ident:
                stale = self.w.moved_away.get(value.ident)
                if stale is not None:
                    name = dotted(arg.value)
                    if name is not None and name != stale[0]:
                        self.w.facts.stale[node] = (arg, stale[0], stale[1])

    # ------------------------------------------------------------ statements
    def body(self, statements: Sequence[cst.CSTNode]) -> None:
        for stmt in statements:
            self.statement(stmt)

    def statement(self, stmt: cst.CSTNode) -> None:
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
                    self.w.facts.discarded[expr] = DiscardObs(expr, receiver, stmt)
            if (
                isinstance(expr, cst.Call)
                and dotted(expr.func) == "setattr"
                and len(expr.args) >= 3
            ):
                self.late_assign(dotted(expr.args[0].value), self.eval(expr.args[2].value), stmt)
        elif isinstance(stmt, (cst.Return,)) and stmt.value is not None:
            self.eval(stmt.value)
        elif isinstance(stmt, cst.If):
            self.eval(stmt.test)
            before = dict(self.env)
            self.body(stmt.body.body)
            after_body = self.env
            self.env = dict(before)
            if stmt.orelse is not None:
                if isinstance(stmt.orelse, cst.If):
                    self.statement(stmt.orelse)
                else:
                    self.body(stmt.orelse.body.body)
            self.env = _merge(after_body, self.env)
        elif isinstance(stmt, (cst.For, cst.While)):
            if isinstance(stmt, cst.For):
                self.eval(stmt.iter)
                name = dotted(stmt.target)
                if name is not None:
                    self.set(name, UNKNOWN)
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

    def assign(self, target: cst.BaseExpression, value: Value, stmt: cst.CSTNode) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                if isinstance(element, cst.Element):
                    name = dotted(element.value)
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
        ident = parent.ident or parent.part_of
        root = next((v for v in self.env.values() if v.ident == ident), None) if ident else None
        if root is not None:
            self.w.pending_late[stmt] = (ident, len(root.events), parent_path, placement)
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
            self.w.facts.late_modules[node] = LateModuleObs(
                node, parent, placement, "a new submodule", self.w.late_roots.get(node, "")
            )
        self.w.pending_late.clear()


class FlowWalker:
    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.facts = FlowFacts()
        self.results: dict[cst.CSTNode, Value] = {}
        self.local_modules = {c.name: c for c in analysis.classes.values() if c.is_module}
        self.moved_away: dict[int, tuple[str, Event]] = {}
        self.pending_late: dict[cst.CSTNode, tuple[int, int, str, Event]] = {}
        self.late_roots: dict[cst.CSTNode, str] = {}

    def run(self, module: cst.Module) -> FlowFacts:
        scope = _Scope(self, {})
        scope.body(module.body)
        scope.finish()
        for cls in self.analysis.classes.values():
            self._class(cls)
        for fn in self.analysis.functions.values():
            if fn.cls is not None and fn.node in {m for m in _methods(fn.cls)}:
                continue  # walked with its class
            self._function(fn.node, {})
        return self.facts

    def _class(self, cls: ClassFacts) -> None:
        methods = _methods(cls)
        init = next((m for m in methods if m.name.value == "__init__"), None)
        attrs: dict[str, Value] = {}
        if init is not None:
            env = self._function(init, {})
            # Outside __init__ the whole module may have been moved or cast by its
            # owner: keep what each attribute IS, forget where it is.
            attrs = {
                k: replace(v, device=None, dtype=None, events=())
                for k, v in env.items()
                if k.startswith("self.") and v.kind is not None
            }
        for method in methods:
            if method is not init:
                self._function(method, dict(attrs))

    def _function(self, node: cst.FunctionDef, env: dict[str, Value]) -> dict[str, Value]:
        self.moved_away = {}
        p = node.params
        for param in (*p.posonly_params, *p.params, *p.kwonly_params):
            env.setdefault(param.name.value, UNKNOWN)
        scope = _Scope(self, env)
        scope.body(node.body.body)
        scope.finish()
        return scope.env


def _methods(cls: ClassFacts) -> list[cst.FunctionDef]:
    out = []
    for stmt in cls.node.body.body:
        if isinstance(stmt, cst.FunctionDef):
            out.append(stmt)
    return out


def flow(analysis: Analysis, module: cst.Module) -> FlowFacts:
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
    "Value",
    "WrapObs",
    "flow",
]
