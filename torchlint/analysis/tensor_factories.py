"""What torch's factories make: ``torch.zeros(...)``, ``torch.tensor(data)``,
``torch.full(size, 1.0)``, ``zeros_like(x)``, ``torch.normal(..., device=d)`` and the
matrices torchaudio builds: a new tensor, where (``device=``, or the CPU) and in what
dtype torch gives it, with dimensions where it surely has them."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint.analysis import cpu_run, dims, gpus
from torchlint.analysis.arrays import has_float_literal, literal_dtype
from torchlint.analysis.names import dotted
from torchlint.analysis.order import contains
from torchlint.analysis.scope import Scope
from torchlint.analysis.torch_api import DATA_FACTORIES, FACTORY_FUNCTIONS, LIKE_FACTORIES
from torchlint.analysis.values import (
    MAYBE_DTYPE,
    UNKNOWN,
    ZERO_DIM,
    Event,
    Kind,
    Place,
    Value,
    is_none,
    new_ident,
    new_value,
)
from torchlint.analysis.whole import from_data

Args = list[tuple[cst.Arg, Value]]

# What the flow analysis makes a tensor of (``factory``): the torch factories (not the
# legacy ``torch.Tensor(...)``, TL402's) and their ``_like`` forms.
FACTORIES = (FACTORY_FUNCTIONS - {"Tensor"}) | LIKE_FACTORIES
_FLOAT_FACTORIES = frozenset(
    "zeros ones empty full rand randn linspace logspace eye hann_window hamming_window "
    "blackman_window bartlett_window kaiser_window".split()
)
_SCALAR_FACTORIES = frozenset({"tensor", "as_tensor", "scalar_tensor"})


def is_number(node: cst.BaseExpression) -> bool:
    """A number literal, maybe negative."""
    if isinstance(node, cst.UnaryOperation):
        node = node.expression
    return isinstance(node, (cst.Integer, cst.Float))


def _like(scope: Scope, node: cst.Call, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``zeros_like(x, dtype=..., device=...)``: where and as ``x`` is, but for what
    its keywords say."""
    like = args[0][1] if args else UNKNOWN
    device, dtype = like.device, like.dtype
    expr: cst.BaseExpression | None = None
    for arg, _ in args[1:]:
        if arg.keyword is not None and arg.keyword.value == "dtype":
            dtype = scope.dtype_of(arg.value) or MAYBE_DTYPE
        elif arg.keyword is not None and arg.keyword.value == "device":
            device, expr = scope.device_of(arg.value)
            device, expr = device or Place.VAR, expr or arg.value
        elif arg.star:
            return new_value(Kind.TENSOR, Place.MAYBE, MAYBE_DTYPE, Event("create", node))
    made = new_value(Kind.TENSOR, device, dtype, Event("create", node), device_expr=expr)
    if expr is None and (which := gpus.gpu_of(like, scope.w.facts.gpus, ran=True)) is not None:
        gpus.record(scope, node, which[0])  # (on the GPU x is on, a model's output too)
    branch = like.branch_cast() if dtype == like.dtype else None
    # (x's dtype is a branch's, ``if args.fp16: x = x.half()``: so is this one's)
    return replace(made, events=(*made.events, branch)) if branch is not None else made


def factory(scope: Scope, node: cst.Call, name: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``torch.zeros(...)``, ``torch.tensor(data)``, ``torch.full(size, 1.0)``,
    ``zeros_like(x)``: a new tensor, on the CPU unless ``device=`` says otherwise (or
    the file sets a default device), in the dtype torch gives it."""
    if name.endswith("_like"):
        return _like(scope, node, args)
    device, expr = scope.made_on()
    dtype: str | None = "float32" if name in _FLOAT_FACTORIES else None
    if name in ("randint", "randperm"):
        dtype = "int64"  # (torch's default for both)
    elif name in DATA_FACTORIES and args and args[0][1].kind == Kind.NDARRAY:
        dtype = args[0][1].dtype  # torch keeps numpy's dtype: float64 stays float64
    elif name in DATA_FACTORIES and args and (arrays := _arrays(args[0][1])):
        dtype = arrays.dtype  # torch.tensor([obs]) of an array: its dtype, one more dim
    elif name in ("tensor", "as_tensor") and args and args[0][0].keyword is None:
        dtype = literal_dtype(*args[0])  # [0.5, 1.0]: float32; [1, 2]: int64
    elif name == "full" and len(args) >= 2 and args[1][0].keyword is None:
        fill = args[1][1]  # torch.full(size, 1) is int64, torch.full(size, 1.0) float32
        dtype = fill.dtype if fill.kind == Kind.NUMBER else None
    elif name == "arange" and args:
        # (of literals, or of Python numbers the walk knows: torch.arange(dim // 2) of
        # an int is int64, torch.arange(0, 1, step) of a float step float32)
        numbers = [(a.value, v) for a, v in args if a.keyword is None]
        dtype = (
            "float32"
            if any(
                has_float_literal(n) or (v.kind == Kind.NUMBER and v.dtype == "float32")
                for n, v in numbers
            )
            else "int64"
            if numbers
            and all(
                is_number(n) or (v.kind == Kind.NUMBER and v.dtype == "int64") for n, v in numbers
            )
            else None
        )
    for arg, given in args:
        if arg.keyword and arg.keyword.value == "device" and is_none(given):
            continue  # device=device of a parameter left at its default None: the default
        if arg.keyword and arg.keyword.value == "device":
            device, expr = scope.device_of(arg.value)
            device = device or Place.VAR
            expr = expr or arg.value
            gpus.record_made(scope, node, arg.value)
            cpu_run.record_move(scope, node, arg.value, None)  # (made where it falls back)
        elif arg.keyword and arg.keyword.value == "dtype":
            dtype = scope.dtype_of(arg.value) or MAYBE_DTYPE
        elif arg.star == "**":  # torch.zeros(n, **factory): may say where, and as what
            device, expr, dtype = Place.MAYBE, None, MAYBE_DTYPE
            break
    else:
        explicit = any(a.keyword and a.keyword.value == "dtype" for a, _ in args)
        if dtype == "float32" and not explicit and scope.w.analysis.default_dtype is not None:
            dtype = None  # torch.set_default_dtype(torch.float64) in this file
    # (torch.tensor(n) of a number: 0-dim, where the walk knows n is one)
    number = name in _SCALAR_FACTORIES and args and args[0][0].keyword is None
    zero_dim = ZERO_DIM if number and args[0][1].kind == Kind.NUMBER else ""
    created = Event("create", node, zero_dim, source=scope.cast_source(node) if dtype else None)
    if name in DATA_FACTORIES and args and args[0][1].kind == Kind.NDARRAY and dtype:
        # (an array cast with .astype(np.float16): that cast chose this dtype; float32
        # is torch's default, where the dtype the data needs is decided later)
        cast = args[0][1].last("cast")
        if cast and cast.detail == dtype != "float32" and created.source is None:
            created = Event("create", node, source=cast)
        elif cast and cast.detail == dtype == "float32" and not contains(node, cast.node):
            scope.w.facts.float32_data[node] = cast  # (float32: TL110 reads it)
    followed = _followed_cpu(scope, expr) if device == Place.CPU else None
    if followed is not None:
        # torch.arange(n, device=lengths.device) with lengths made on the CPU: this
        # tensor is there because lengths is, and the line to change is where lengths
        # was made. (The dtype's story stays this call's: ``source``.)
        created = Event("create", followed.node, followed.detail, source=created)
    made = new_value(Kind.TENSOR, device, dtype, created, device_expr=expr)
    if name in DATA_FACTORIES and args:
        made = from_data(name, args[0], made, created)
    return dims.mark(made, dims.factory(name, node, [v for _, v in args]))


def _followed_cpu(scope: Scope, expr: cst.BaseExpression | None) -> Event | None:
    """For ``device=t.device`` of a tensor ``t`` made on the CPU: where ``t`` was made."""
    name = dotted(expr) if expr is not None else None
    owner = scope.device_owner(name) if name is not None else None
    return owner.last("create") if owner is not None and owner.device == Place.CPU else None


def _arrays(value: Value) -> Value | None:
    """A list or tuple of numpy arrays of one dtype (``[obs]``, ``[a, b]``): the
    array (torch stacks them in that dtype); None for anything else."""
    if value.kind not in (Kind.LIST, Kind.TUPLE) or not value.items:
        return None
    dtypes = {v.dtype for v in value.items if v.kind == Kind.NDARRAY}
    if len(dtypes) != 1 or any(v.kind != Kind.NDARRAY for v in value.items):
        return None
    return value.items[0] if value.items[0].dtype is not None else None


def is_factory(q: str) -> bool:
    return q.startswith("torch.") and q.rsplit(".", 1)[-1] in FACTORIES


def by_name(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    return factory(scope, node, q.rsplit(".", 1)[-1], args)


def audio_matrix(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``torchaudio.functional.melscale_fbanks(...)``: a float32 matrix, made where
    a factory without ``device=`` makes it."""
    device, expr = scope.made_on()
    made = new_value(Kind.TENSOR, device, "float32", Event("create", node), device_expr=expr)
    return dims.mark(made, True)


def meshgrid(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``torch.meshgrid(a, b)`` (or of a list): one grid per input, where and as that
    input is; ``np.meshgrid(x, y)`` of arrays: one array per input, in its dtype
    (``np.linspace``'s float64 stays float64), with dimensions."""
    kind = Kind.NDARRAY if q.startswith("numpy.") else Kind.TENSOR
    inputs = [v for a, v in args if a.keyword is None and not a.star]
    spread = [v for a, v in args if a.star == "*"]
    if not inputs and len(spread) == 1 and spread[0].kind == Kind.LIST and spread[0].items:
        # torch.meshgrid(*axes) of a list of tensors: a grid per axis, where they are
        grid = dims.mark(replace(spread[0].items[0], ident=new_ident(), moved_from=0))
        return Value(Kind.LIST, items=(grid,)) if grid.kind == kind else UNKNOWN
    if len(inputs) == 1 and inputs[0].kind in (Kind.TUPLE, Kind.LIST) and kind == Kind.TENSOR:
        inputs = list(inputs[0].items)
    if not inputs or any(v.kind != kind for v in inputs):
        return UNKNOWN
    grids = (replace(v, ident=new_ident(), moved_from=0) for v in inputs)
    return Value(Kind.TUPLE, items=tuple(dims.mark(g, kind == Kind.NDARRAY) for g in grids))


def causal_mask(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``nn.Transformer.generate_square_subsequent_mask(n)``: a float32 square mask,
    made as ``torch.zeros(n, n, device=...)`` would be."""
    return factory(scope, node, "zeros", args)


def sparse(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``torch.sparse_coo_tensor(indices, values, size, device=d)``: a tensor made on
    ``d``; without ``device=``, where (and as) its values are."""
    given = [v for a, v in args if a.keyword is None and not a.star]
    values = given[1] if len(given) > 1 else UNKNOWN
    device: Place | None = None
    expr = None
    dtype = values.dtype
    for arg, value in args:
        name = arg.keyword.value if arg.keyword else None
        if name == "device" and not is_none(value):
            device, expr = scope.device_of(arg.value)
            device = device or Place.VAR
        elif name == "dtype":
            dtype = scope.dtype_of(arg.value) or MAYBE_DTYPE
    if device is not None:
        return dims.mark(
            new_value(Kind.TENSOR, device, dtype, Event("create", node), device_expr=expr), True
        )
    if values.kind not in (Kind.TENSOR, Kind.MOVED):
        return UNKNOWN
    return dims.mark(
        replace(values, kind=Kind.TENSOR, dtype=dtype, ident=new_ident(), moved_from=0), True
    )
