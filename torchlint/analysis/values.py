"""The value lattice of the flow analysis: what a name holds (its kind, its device and
dtype as far as the code shows them, the events that made it so), and how two values
merge where branches meet. Nothing here reads code: ``effects.py`` and the walker
(``flow.py``) make the values; rules read them in the observations."""

from __future__ import annotations

import functools
import itertools
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import libcst as cst

from torchlint.analysis.names import dotted

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # pragma: no cover
    from enum import Enum

    class StrEnum(str, Enum):
        """``enum.StrEnum`` of Python 3.11: members are their own text."""

        def __str__(self) -> str:
            return str(self.value)

        def __format__(self, spec: str) -> str:
            return str(self.value).__format__(spec)


class Kind(StrEnum):
    """What a value is. Members are strings, so a kind compares equal to its text."""

    MODULE = "module"
    TENSOR = "tensor"
    ENCODING = "encoding"  # a tokenizer's output (a BatchEncoding): tensors by key
    TOKENIZER = "tokenizer"
    DEVICE = "device"
    DTYPE = "dtype"
    WRAPPER = "wrapper"  # a module inside DataParallel, DDP, FSDP, peft
    # The result of ``.to(device)`` on something unknown: surely not on the CPU any
    # more, but maybe a module, so never treated as a tensor.
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
    # A torch.optim optimizer over a module's parameters (``part_of``: the module's
    # ident). Its device is where its state is: CPU once made or loaded while the
    # parameters were on the CPU, None while it has none (or it is elsewhere), MAYBE
    # once code we cannot see may have moved it (analysis/optimizers.py).
    OPTIMIZER = "optimizer"
    # ``parser.parse_args()``: the user's options (``args.device``, ``args.gpu``).
    OPTIONS = "options"


class Place(StrEnum):
    """Where a value is (``None`` when unknown). Members are strings, so a place
    compares equal to its text (``"cpu"``, ``"cuda"``)."""

    CPU = "cpu"
    CUDA = "cuda"  # a GPU, or any accelerator named in a string (mps, xpu, npu)
    META = "meta"
    VAR = "var"  # a device variable (``device``, ``f"cuda:{rank}"``, ``x.device``)
    AUTO = "auto"  # ``device_map=...`` or quantized loading: placed by the library
    PREPARED = "prepared"  # ``accelerator.prepare``, ``deepspeed.initialize``
    MAYBE = "maybe"  # set somewhere, but not known where (branches disagree, ``*args``)


class Gpu(StrEnum):
    """Which GPU a move picks (``analysis/gpus.py``), where the code shows it."""

    CURRENT = "current"  # .cuda(), "cuda", "cuda:0": GPU 0 unless set_device says otherwise
    CHOSEN = "chosen"  # a GPU an option, a parameter or a non-zero index picks


# The origin of ``True`` and ``False`` (``CONSTANT + "True"``): a flag a caller passes.
CONSTANT = "const:"
# The origin of a string the code wrote that is not a device (``precision="fp16"``):
# the text follows it, for a test that compares it with another (``branches.text_test``).
TEXT = "text:"
# The origin of a DEVICE value that is a GPU in the GPU run and the CPU in the run
# without one (``"cuda" if torch.cuda.is_available() else "cpu"``; ``cpu_run.py``).
FALLS_BACK = "device:gpu-else-cpu"
# The origin of a MODULE value that is a diffusers pipeline (``*Pipeline*.from_pretrained``):
# its __call__ converts the latents and embeddings it is given to its own dtype.
PIPELINE = "pipeline"
NOISE_SCHEDULER = "diffusers noise scheduler"  # an OBJECT's origin (schedulers.py)
# The origin of a tensor registered with ``register_buffer``: it moves with its module.
BUFFER = "buffer"
# The origin of what a name holds where a test said it is not a tensor (after ``if
# isinstance(obj, torch.Tensor): return obj.to(device)``): nothing else is known.
NOT_TENSOR = "not a tensor"
# The origin of a tensor that is one of a module's parameters (``part_of``: the
# module): a reference to it is where the module is now. ``PARAMETER + ":some"``:
# one of those a filter picks (``analysis/recasts.py``).
PARAMETER = "parameter"
# The origin of a copy of a module's parameters (``p.clone()``, ``copy.deepcopy(p)``;
# ``part_of``: the module): it stays where it was made when the module moves
# (``analysis/copies.py``).
COPY = "copy"
# The origin of a module's registered buffer read through the module into another
# name (``mean = model.norm.mean``; ``part_of``: the module): ``Module.to()`` puts a
# new tensor in the buffer, so the name keeps the old one (``analysis/copies.py``).
BUFFER_REF = "buffer:ref"
# The origin of a LOADER value whose batches are what a collate function of the file
# returns (``items``: the batch as it is, no default collate after it).
COLLATED = "collated"
# The origin of a CPU tensor of a DataLoader's batch (default collate, or a collate
# function of the project): made where the data are read, it is the loop's to move.
BATCH = "batch"
# The origin of an entry of a batch of unknown kind whose other entries the function
# moves (``analysis/batches.py``): on the CPU if a tensor, which only a layer shows.
BATCH_ENTRY = "batch entry"
# A PyTorch Geometric graph (``Data``), its dataset and its loader (``graphs.py``).
PYG_GRAPH = "pyg graph"
LAMBDA = "lambda"  # (a FUNCTION value that is a lambda: ``Walk.lambdas`` has its code)
# The origin of a FUNCTION value that is a class of the file (``cls`` in a classmethod).
CLASS = "class:"
# The origin of a FUNCTION value that is a library callable, by its qualified name (a
# parameter's default ``optimizer=torch.optim.Adagrad``, called where it is used).
LIBRARY = "library:"
IMPORTED = "imported:"  # (of a function of another file, by its name here: f = loss_fn)
# The origin of a FUNCTION value that is the class of a tensor (``type(t)``, which is
# ``torch.Tensor``: its call is the legacy constructor), its event the ``type(t)``;
# also the origin of what calling it makes.
TENSOR_CLASS_OF = "type(tensor)"
# The detail of a "create" that made a 0-dim tensor of a Python number the walk knows
# (``torch.tensor(scale)`` with ``scale`` a number at the call): it meets tensors on
# any device, as ``torch.tensor(0.5)`` does.
ZERO_DIM = "0-dim"
# The origin of a DTYPE value that is a dtype's name as a string (``{"dtype":
# "float16"}``): what ``getattr(torch, name)`` and transformers' ``torch_dtype=`` read
# as that dtype, but no dtype itself (it never equals ``torch.float16``).
DTYPE_NAME = "dtype:name"
# The origin of a DTYPE value that is a numpy array's dtype (``rows[0].dtype``): what
# numpy's ``dtype=`` reads as that dtype; torch takes no numpy dtype (a TypeError), and
# it never equals ``torch.int32``.
NUMPY_DTYPE = "dtype:numpy"

# A dtype the code sets but does not show (a variable, ``"auto"``, branches that
# disagree): it is never equal to the name of a real dtype.
MAYBE_DTYPE = "maybe"

NAMED_DTYPES = frozenset({"float16", "bfloat16", "float32", "float64"})

_ids = itertools.count(1)


def new_ident() -> int:
    """An identity for a new object (names holding the same object share it)."""
    return next(_ids)


@dataclass(frozen=True)
class Event:
    # create, cast, move, place, wrap (maybe-wrap: on some paths), add, pass; of a
    # copy of parameters: copy, left (its module moved away), back (returned); join
    # (arithmetic whose dtype another operand than the story's decided)
    action: str
    node: cst.CSTNode  # where (its line goes into messages)
    detail: str = ""  # dtype or device, as written
    path: str = ""  # the name it happened to
    # Names bound when it happened: a fix may only use a device variable that exists
    # at the line it edits.
    bound: frozenset[str] = frozenset()
    # For "pass" (a value handed to a function of the file, ``node`` the argument):
    # the statement of the call, where a finding about the argument belongs.
    statement: cst.CSTNode | None = None
    # For "cast" and "create" to the dtype of another tensor (``.to(x.dtype)``,
    # ``torch.ones(n, dtype=x.dtype)``): the event that gave ``x`` its dtype, the line
    # that decided this one's too.
    source: Event | None = None
    # For "maybe-wrap": the path that wrapped left the module on the CPU (``if n_gpu >
    # 1: model = DataParallel(model)`` with the move only in the ``else``).
    unplaced: bool = False


@dataclass(frozen=True)
class Derivation:
    """Where a CPU tensor was computed from another one (``mask = ids != pad``,
    ``ids[:, 1:]``, ``lengths.view(-1)``): a move of that one afterwards leaves this
    one behind on the CPU (``torchlint/checks/_stale.py``)."""

    source: int  # the ident of the tensor it was computed from
    node: cst.CSTNode  # the expression that computed it
    # The ident counter then: a move of ``source`` made later has a greater ident.
    order: int
    # The statement each walk that led there was at, innermost first: the helper's
    # line, then the line that called the helper...
    sites: tuple[cst.CSTNode, ...] = ()
    # How the source was itself computed (``ids = raw[:, :n]`` before ``ids != pad``).
    earlier: Derivation | None = None
    steps: int = 1  # (how many, with the earlier ones)

    def chain(self) -> Iterator[Derivation]:
        """This step, then the earlier ones."""
        step: Derivation | None = self
        while step is not None:
            yield step
            step = step.earlier


@dataclass(frozen=True)
class Value:
    kind: Kind | None
    device: Place | None = None
    dtype: str | None = None
    # Code for the device, when known (``device``, ``"cuda"``, ``f"cuda:{rank}"``).
    device_expr: cst.BaseExpression | None = None
    events: tuple[Event, ...] = ()
    ident: int = 0  # same ident = same object (aliases share it)
    moved_from: int = 0  # ident of the value this is a moved copy of
    part_of: int = 0  # for ``model.vpm``: the ident of ``model``
    origin: str = ""  # what made it: "torch.nn.CrossEntropyLoss", "module call", ...
    items: tuple[Value, ...] = ()  # of a TUPLE; of an ENCODING with ``keys``, by key
    # For an ENCODING that is a dict the code built (``{"x": x, "y": y}``, a batch of
    # a Dataset whose items are such dicts): its keys, in the order of ``items``.
    keys: tuple[str, ...] = ()
    # A tensor on some paths and None on the others (``self.cache = None`` in
    # ``__init__``, rebuilt under an ``if`` in ``forward``): where the code uses it as
    # a tensor it is this one, but ``x is None`` is not decided.
    optional: bool = False
    # A tensor that surely has dimensions (``dims.py``: torch's type promotion): the
    # ident it was found so under (a new tensor made from this one has another).
    shaped: int = 0
    # Whole numbers in a floating dtype: class ids, label maps, pixel values of an
    # integer tensor or array cast to a float (``randint(...).float()``,
    # ``mask.astype("float32")``): the cast. Kept where only the shape or the place
    # changes; anything that computes new values forgets it (``whole.py``).
    whole: Event | None = None
    # An integer tensor of one-hot rows (``F.one_hot(y, n)``): cast to a float it is
    # a distribution over classes, not class ids.
    one_hot: bool = False
    # A CPU tensor computed from another one: how (``derived.py``).
    derived: Derivation | None = None
    # Of a LIST the code filled in order from empty (``layers = []``, then
    # ``layers += [nn.Conv2d(...), nn.BatchNorm2d(c), ...]`` or ``.append`` in a loop):
    # its first member, what ``nn.Sequential(*layers)`` runs first (``lists.extended``);
    # None where a path may have put something else first.
    first: Value | None = None

    def has_dims(self) -> bool:
        return self.shaped != 0 and self.shaped == self.ident

    def last(self, *actions: str) -> Event | None:
        for event in reversed(self.events):
            if event.action in actions:
                return event
        return None

    def next_after(self, event: Event, *actions: str) -> Event | None:
        """The first of ``actions`` that happened to this value after ``event``."""
        later = False
        for each in self.events:
            if later and each.action in actions:
                return each
            later = later or each is event
        return None

    def dtype_event(self) -> Event | None:
        """The line that decided the dtype: the last cast or creation, or the event
        that one copied its dtype from; the making of the operand that decided the
        dtype of arithmetic (a "join" with a source); or the arithmetic itself, where
        two tensors of that dtype from different lines met (a "join" without one:
        casting either alone would not change the result's dtype)."""
        made = self.last("cast", "create", "join")
        if made is None:
            return None
        # (a dtype read off a module, "follow": the making is the line that decided)
        return made.source if made.source and made.source.action != "follow" else made

    def branch_cast(self) -> Event | None:
        """Where branches disagree on the dtype ("maybe"), the cast that gives it a
        known one on some path (``if args.half: model.half()``): the last dtype event
        the paths left, when it is a cast to a named dtype (not ``.to(dtype)`` of a
        variable). The run that takes that branch has the value in that dtype."""
        if self.dtype != MAYBE_DTYPE:
            return None
        made = self.last("cast", "create")
        if made is None or made.action != "cast":
            return None
        if made.source is not None and made.source.action != "pass":  # (handed down: ok)
            return None
        return made if made.detail in NAMED_DTYPES else None

    def handed(self) -> list[Event]:
        """The "pass" events since this value was last made, cast or moved: the
        arguments of the calls that handed it down to the function being walked,
        outermost first."""
        out: list[Event] = []
        for event in reversed(self.events):
            if event.action in ("create", "cast", "move", "place", "join"):
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
        """Handed to a module's forward (of a module class of the file), or cast since."""
        ends = ("create", "move", "place", "join")
        for e in reversed(self.events):
            if e.action in ends or (e.action == "pass" and e.path == "module"):
                return e.action == "pass"
        return False

    @property
    def placed(self) -> bool:
        return self.device in (Place.CUDA, Place.VAR, Place.AUTO, Place.PREPARED)

    @property
    def on_accelerator(self) -> bool:
        """Explicitly moved to a GPU or a device variable (not a device_map)."""
        return self.device in (Place.CUDA, Place.VAR)


UNKNOWN = Value(None)
# ``None`` as written (``self.cache = None``): of no kind, but known to be None.
NONE = Value(None, origin=CONSTANT + "None")


def flag(decided: bool | str) -> Value:
    """``True`` / ``False`` (a flag the walk knows: written, or a test it decides)."""
    return Value(Kind.NUMBER, dtype="bool", origin=f"{CONSTANT}{decided}")


# ``{}`` as written: nothing known in it yet, but a dict that ``d[k] = t`` may fill
# with tensors (``dicts.filled``). Never decided by ``if d:`` (a loop may have filled it).
EMPTY_DICT = "dict:{}"
OUTPUT = "module call"  # the origin of what calling a module gives (holders.output)


def carried(value: Value) -> bool:
    """Whether another scope sees this binding (a function the module-level one, a
    method ``__init__``'s): what it is is known, or it is ``{}``, which a function
    may fill (a cache of models, ``MODELS[kind] = ...``)."""
    return value.kind is not None or value.origin == EMPTY_DICT


def new_value(
    kind: Kind,
    device: Place | None,
    dtype: str | None,
    *events: Event,
    device_expr: cst.BaseExpression | None = None,
) -> Value:
    """A new object (an identity of its own)."""
    return Value(kind, device, dtype, device_expr, tuple(events), new_ident())


def submodule(parent: Value) -> Value:
    """A submodule of ``parent``: same placement and dtype, not the same object."""
    return replace(parent, kind=Kind.MODULE, ident=0, part_of=parent.ident or parent.part_of)


# A part of a module cast on its own (``model.backbone.half()``): its dtype, and the
# cast (None where the walk has no event for it).
PartCast = tuple[str, "Event | None"]


def with_cast(part: Value, cast: PartCast) -> Value:
    """``part`` in the dtype it was cast to on its own, with that cast in its story."""
    dtype, event = cast
    events = part.events if event is None or event in part.events else (*part.events, event)
    return replace(part, dtype=dtype, events=events)


def sequential_head(container: Value) -> Value | None:
    """The first member of an ``nn.Sequential`` (``effects._nn_class``) that is an
    instance of a class of the file, where and as the Sequential is now: calling the
    Sequential runs that member's forward, on the inputs or on what the torch.nn
    layers before it made of them (``holders.through_layers``)."""
    shaped = container.kind == Kind.MODULE and 1 <= len(container.items) <= 2
    if not shaped or not container.origin.endswith("Sequential"):
        return None
    head = placed_like(container, container.items[-1])
    return head if head.ident and head.origin.startswith("local:") else None


def list_member(container: Value) -> Value | None:
    """A member of an ``nn.ModuleList`` of instances of one class of the file
    (``effects._nn_class``), where and as the list is now: the same object, so its
    class's methods run on it."""
    return _member(container, "ModuleList")


def dict_member(container: Value) -> Value | None:
    """A member of an ``nn.ModuleDict`` filled with instances of one class of the file
    (``observers[key] = Observer()``), where and as the dict is now."""
    return _member(container, "ModuleDict")


def tensors_of(value: Value) -> Value | None:
    """What every tensor of a list is (``[img.to(device) for img in images]``), for a
    list of tensors alone; None for anything else."""
    if value.kind != Kind.LIST or len(value.items) != 1:
        return None
    return value.items[0] if value.items[0].kind == Kind.TENSOR else None


def _member(container: Value, kind: str) -> Value | None:
    """The one member a module container of ``kind`` keeps (``items``), where and as
    the container is now (moved or cast with it)."""
    if (
        container.kind != Kind.MODULE
        or len(container.items) != 1
        or not container.origin.endswith(kind)
    ):
        return None
    return placed_like(container, container.items[0])


def placed_like(container: Value, member: Value) -> Value:
    """``member`` of ``container``, where and as the container is now."""
    return replace(
        member,
        device=container.device,
        dtype=container.dtype,
        device_expr=container.device_expr,
        events=container.events,
        part_of=container.ident or container.part_of,
    )


def state_dict(module: Value) -> Value:
    """``model.state_dict()``: its parameters and buffers by name, where (and as) the
    model is, after the moves and casts that put them there."""
    return Value(
        Kind.ENCODING,
        module.device,
        module.dtype,
        module.device_expr,
        tuple(e for e in module.events if e.action in ("move", "place", "cast")),
        new_ident(),
        part_of=module.ident or module.part_of,
        origin=PARAMETER,
    )


_TENSOR_ATTRS = frozenset({"weight", "bias", "data", "grad", "running_mean", "running_var"})
# The parts of a diffusers pipeline that are no modules (``tokenizer_2`` too).
_PIPELINE_TOOLS = ("tokenizer", "scheduler", "feature_extractor", "image_processor", "processor")
# The origin of ``layer.weight`` (``member``): a tensor of a module, read off it.
MODULE_TENSOR = "module tensor"


def member(parent: Value, attr: str) -> Value:
    """``model.vpm`` is a part of the model; ``layer.weight`` is one of its tensors;
    ``ddp.module`` is the model the wrapper holds (the same object)."""
    if attr == "module" and parent.kind == Kind.WRAPPER:
        return replace(parent, kind=Kind.MODULE)
    if parent.origin == PIPELINE and attr.startswith("scheduler"):
        return Value(Kind.OBJECT, origin=NOISE_SCHEDULER)  # (pipe.scheduler.step(...))
    if parent.origin == PIPELINE and attr.startswith(_PIPELINE_TOOLS):
        return UNKNOWN  # (pipe.tokenizer, pipe.image_processor: no module)
    if attr in _TENSOR_ATTRS:
        return Value(
            Kind.TENSOR,
            parent.device,
            parent.dtype,
            parent.device_expr,
            (),
            new_ident(),
            origin=MODULE_TENSOR,
        )
    part = submodule(parent)  # (pipe.unet: a module, which casts nothing it is given)
    return replace(part, origin="") if parent.origin == PIPELINE else part


def followed(owner: Value, node: cst.Attribute) -> Event | None:
    """``m.dtype`` of a module (or ``m.conv.weight.dtype``, of its weight): a "follow"
    event, what is made in that dtype follows the module; None for anything else."""
    if owner.kind not in (Kind.MODULE, Kind.WRAPPER) and owner.origin != MODULE_TENSOR:
        return None
    module = node.value  # (self.unet.conv.weight.dtype: the module, self.unet.conv)
    if owner.origin == MODULE_TENSOR and isinstance(module, cst.Attribute):
        module = module.value
    return Event("follow", node, owner.dtype or "", dotted(module) or "")


def parameter_free(value: Value) -> bool:
    """An ``nn`` module with no weights of its own (pooling, activations, losses)."""
    return value.dtype is None and value.origin.startswith("torch.nn.")


# Where a followed call is written: a call, or ``obj[i]`` (its class's ``__getitem__``).
Site = cst.Call | cst.Subscript | cst.Attribute  # (an Attribute: a property read)


def unpass(value: Value, call: Site) -> Value:
    """``value`` without the "pass" events of ``call``'s arguments: what a function
    returns (or leaves in a module) is back with the caller."""
    handed = {id(a.value) for a in call.args} if isinstance(call, cst.Call) else set()
    kept = tuple(e for e in value.events if not (e.action == "pass" and id(e.node) in handed))
    items = tuple(unpass(item, call) for item in value.items)  # return mean, std
    if len(kept) == len(value.events) and all(
        a is b for a, b in zip(items, value.items, strict=True)
    ):
        return value
    return replace(value, events=kept, items=items)


# The places a device that is a GPU (or a device variable chosen as one) can be.
GPU_PLACES = (Place.CUDA, Place.VAR)


def choice(node: cst.IfExp, a: Value, b: Value) -> Value:
    """What ``a if flag else b`` holds: for ``torch.float16 if args.fp16 else
    torch.float32``, a "maybe" dtype that keeps the half one as a cast at ``node``
    (the run that takes that branch has it); else both merged."""
    dtypes = {a.dtype, b.dtype}
    half = [d for d in dtypes if d in ("float16", "bfloat16")]
    if a.kind == b.kind == Kind.DTYPE and len(half) == 1 and "float32" in dtypes:
        return Value(Kind.DTYPE, None, MAYBE_DTYPE, events=(Event("cast", node, half[0]),))
    return merge_values(a, b)


_HALF = ("float16", "bfloat16")


def _written_dtype(value: Value) -> bool:
    """A dtype the code names (``torch.float16``, the line it is written on as a
    "cast"), or a choice among such (``choice``, ``chosen_dtypes``): not one read off
    a tensor or module (``x.dtype`` follows that one) or given as its name."""
    return (
        value.kind == Kind.DTYPE
        and not value.origin
        and (value.dtype in NAMED_DTYPES or value.dtype == MAYBE_DTYPE)
        and all(e.action == "cast" and e.source is None for e in value.events)
    )


def chosen_dtypes(a: Value, b: Value) -> Value | None:
    """The dtype a name holds after two paths that name ``a`` and ``b`` (``if
    args.fp16: dtype = torch.float16``; a helper's ``return torch.float16`` on one
    branch and ``return torch.float32`` on another): one of them, "maybe", keeping
    the first half one's line as a cast, as ``choice`` does (the run that takes that
    path has it). None where either is not a dtype the code names."""
    if not (_written_dtype(a) and _written_dtype(b)):
        return None
    if a.dtype == b.dtype != MAYBE_DTYPE:
        return a
    half = [c for c in (a.last("cast"), b.last("cast")) if c and c.detail in _HALF]
    return Value(Kind.DTYPE, None, MAYBE_DTYPE, events=tuple(half[:1]))


def merge_values(a: Value, b: Value) -> Value:
    """One value for what a name holds after two paths that hold ``a`` and ``b``:
    what both agree on, "maybe" where they disagree, unknown when they are unrelated."""
    if a == b:
        return a
    if (dtype := chosen_dtypes(a, b)) is not None:
        return dtype
    if a.ident and a.ident == b.ident and {a.origin, b.origin} & {EMPTY_DICT}:
        # ``out = {}`` on one path, filled with tensors on the other (a loop's body)
        return b if a.origin == EMPTY_DICT else a
    if is_none(a) or is_none(b):
        held = b if is_none(a) else a
        if held.kind == Kind.TENSOR or held.origin == PYG_GRAPH:
            return replace(held, optional=True)  # (a graph: ``return None`` if unparsable)
    if a.kind == b.kind == Kind.OPTIMIZER and a.part_of == b.part_of:
        # The state left on the CPU on one path (``if args.resume: load(...)``, or a
        # helper that returns Adagrad for one option) crashes the run that takes it:
        # that path's story is kept.
        left = a if a.device == Place.CPU else b
        other = b if left is a else a
        events = left.events + tuple(e for e in other.events if e not in left.events)
        return replace(left, events=events, ident=a.ident if a.ident == b.ident else new_ident())
    if a.ident and a.ident == b.ident and {a.kind, b.kind} == {Kind.MODULE, Kind.WRAPPER}:
        # ``if n_gpus > 1: model = DataParallel(model)``: the module, maybe wrapped. Each
        # path can fail its own way: the wrap is kept as a "maybe-wrap" event (the
        # wrapper's exemptions, such as scattered inputs, do not hold).
        wrapped, plain = (a, b) if a.kind == Kind.WRAPPER else (b, a)
        maybe = tuple(
            replace(e, action="maybe-wrap", unplaced=wrapped.device == Place.CPU)
            if e.action == "wrap"
            else e
            for e in wrapped.events
            if e not in plain.events
        )
        a, b = plain, replace(wrapped, kind=Kind.MODULE, events=plain.events + maybe)
    if a.ident and a.ident == b.ident and a.kind == b.kind:
        events = a.events + tuple(e for e in b.events if e not in a.events)
        items = a.items
        if a.kind == Kind.MODULE and not a.items and not a.keys and not b.keys:
            items = b.items  # (a module container empty before a loop, filled in it)
        if a.keys == b.keys and len(a.items) == len(b.items) and a.items != b.items:
            # One dict of parts, an entry cast in place on one path (``if custom:
            # parts["vae"].half()``): that entry is either, as a name would be.
            items = tuple(merge_values(x, y) for x, y in zip(a.items, b.items, strict=True))
        return replace(
            a,
            items=items,
            device=a.device if a.device == b.device else Place.MAYBE,
            dtype=a.dtype if a.dtype == b.dtype else MAYBE_DTYPE,
            device_expr=a.device_expr if a.device_expr is b.device_expr else None,
            events=events,
            shaped=a.ident if a.has_dims() or b.has_dims() else 0,  # (one object)
            whole=a.whole or b.whole,  # (class ids written into it on a path: whole.py)
        )
    if {a.kind, b.kind} == {Kind.LIST, Kind.TUPLE} and a.items and b.items:
        # outs = [x] (held as a tuple), then outs.append(y) in a loop: a list of either
        items = (*a.items, *b.items)
        # (its first member, where the list kept the tuple's: ``[stem]`` before a
        # loop that appends blocks)
        written, grown = (a, b) if a.kind == Kind.TUPLE else (b, a)
        first = written.items[0] if grown.first == written.items[0] else None
        return Value(Kind.LIST, items=(functools.reduce(merge_values, items),), first=first)
    if a.kind == b.kind == Kind.LIST:
        if not a.items or not b.items:
            # [] before the loop, [x, ...] after it (a path that put nothing: what is
            # first is not known; a loop's pass keeps it, ``loops.after_loop``)
            return replace(a if a.items else b, first=None)
        first = a.first if a.first == b.first else None
        return replace(a, items=(merge_values(a.items[0], b.items[0]),), first=first)
    if a.kind == b.kind == Kind.TUPLE and len(a.items) == len(b.items):
        return replace(
            a, items=tuple(merge_values(x, y) for x, y in zip(a.items, b.items, strict=True))
        )
    if a.kind == b.kind == Kind.MODULE and (a.ident or a.part_of) == (b.ident or b.part_of) != 0:
        # ``model.get_submodule(name) if name else model``: a part of the model
        return replace(
            submodule(a if a.part_of else b),
            device=a.device if a.device == b.device else Place.MAYBE,
            dtype=a.dtype if a.dtype == b.dtype else MAYBE_DTYPE,
        )
    if a.kind == b.kind == Kind.MODULE and a.last("create") and b.last("create"):
        # ``nn.Linear(...) if n else nn.Identity()``: a new module either way, made
        # where both agree (the first one's story names where).
        return Value(
            Kind.MODULE,
            a.device if a.device == b.device else Place.MAYBE,
            a.dtype if a.dtype == b.dtype else MAYBE_DTYPE,
            a.device_expr if a.device == b.device else None,
            a.events,
            new_ident(),
            origin=a.origin if parameter_free(a) and parameter_free(b) else "",
        )
    if a.kind == b.kind == Kind.TOKENIZER:
        return replace(a, ident=new_ident())  # one checkpoint's tokenizer or another's
    if a.kind == b.kind == Kind.DEVICE and a.device in GPU_PLACES and b.device in GPU_PLACES:
        # ``if torch.backends.mps.is_available(): device = "mps"`` after a CUDA check:
        # a GPU either way, the CPU where neither is there if one path falls back.
        return Value(
            Kind.DEVICE,
            a.device if a.device == b.device else Place.VAR,
            device_expr=a.device_expr if a.device_expr is b.device_expr else None,
            origin=FALLS_BACK if FALLS_BACK in (a.origin, b.origin) else "",
        )
    if (
        a.kind == b.kind == Kind.DEVICE
        and {a.device, b.device} & {Place.CPU}
        and (a.device in GPU_PLACES or b.device in GPU_PLACES)
    ):
        # ``device = "cpu"`` then ``if cuda: device = core``: a device the run
        # chooses, as ``core if cuda else "cpu"`` is.
        return Value(Kind.DEVICE, Place.VAR)
    if a.kind == b.kind == Kind.DATASET and a.device == b.device:
        # ``FakeData(...)`` on one path, ``ImageFolder(...)`` on the other: a dataset
        # there either way (its items where both know them)
        items = (merge_values(a.items[0], b.items[0]),) if a.items and b.items else ()
        return replace(a, ident=new_ident(), items=items)
    if a.kind == b.kind and a.kind in (Kind.ENCODING, Kind.OPTIONS) and a.keys == b.keys != ():
        merged = [merge_values(x, y) for x, y in zip(a.items, b.items, strict=True)]
        return keyed(a.keys, merged) if a.kind == Kind.ENCODING else replace(a, items=(*merged,))
    if a.kind == b.kind and a.kind in (Kind.TENSOR, Kind.NDARRAY):
        # Two different tensors (or arrays) by one name (x = f(x) in a loop): still a
        # tensor, and whatever both agree on; where both know the same dtype, the story they share
        # (``v.cuda() if cuda else v``: where ``v`` was made).
        wide, other = (a, b) if a.dtype == "float64" else (b, a)
        if wide.dtype == "float64" and other.dtype is None and not other.last("cast"):
            # float64 on one path, as it came on the other (no dtype the code names):
            # the run that takes the first has float64 there, made where its story says
            return replace(wide, device=a.device if a.device == b.device else Place.MAYBE)
        shared: tuple[Event, ...] = ()
        if a.dtype == b.dtype and a.dtype not in (None, MAYBE_DTYPE):
            for x, y in zip(a.events, b.events, strict=False):
                if x != y:
                    break
                shared += (x,)
        if (
            not shared
            and a.device == b.device == Place.CPU
            and a.last("create")
            and b.last("create")
        ):
            # ``torch.linspace(...)`` on one path, ``torch.tensor(betas)`` on the other:
            # made on the CPU either way, and the story says where (the first path's).
            shared = a.events
        moved = a.last("move")
        if a.device == b.device and a.on_accelerator and moved and b.last("move"):
            # ``v.to(device, dtype) if v.is_floating_point() else v.to(device)``: moved
            # either way, and the story says where (the first path's move).
            shared += (moved,) if moved not in shared else ()
        ident = new_ident()
        return Value(
            a.kind,
            a.device if a.device == b.device else Place.MAYBE,
            a.dtype if a.dtype == b.dtype else MAYBE_DTYPE,
            # (latents = latents - step(latents) in a loop: still made on `device`)
            a.device_expr if a.device == b.device and a.device_expr is b.device_expr else None,
            shared,
            ident,
            shaped=ident if a.has_dims() and b.has_dims() else 0,
        )
    return UNKNOWN


def text_of(value: Value | None) -> str | None:
    """The string ``value`` holds where the code wrote it: a device (``"cpu"``) or
    other text (``"fp16"``); None for anything else."""
    if value is None:
        return None
    if value.origin.startswith(TEXT):
        return value.origin[len(TEXT) :]
    written = value.device_expr
    return str(written.evaluated_value) if isinstance(written, cst.SimpleString) else None


def plain_text(value: Value | None) -> str | None:
    """The string ``value`` holds where the code wrote it, not as a device (``"fp16"``,
    a dict key, a column name: ``"cuda:" + str(rank)`` is ``device_of``'s); None for a
    device or anything else."""
    return text_of(value) if value is not None and value.kind is None else None


def is_none(value: Value) -> bool:
    """``None`` as written, or a parameter left at its default ``None``."""
    return value.kind is None and value.origin == NONE.origin


def keyed(keys: Sequence[str], items: Sequence[Value]) -> Value:
    """A dict of tensors by key (an ENCODING that knows each entry): where and in
    what dtype its entries all are, when they agree."""
    arrays = [v for v in items if v.kind in (Kind.TENSOR, Kind.MOVED, Kind.NDARRAY, Kind.ENCODING)]
    devices = {v.device for v in arrays}
    dtypes = {v.dtype for v in arrays}
    device = devices.pop() if len(devices) == 1 else Place.MAYBE
    # (The story of where it is: an entry's that is there.)
    story = next((v for v in arrays if v.device == device), None)
    return Value(
        Kind.ENCODING,
        device,
        dtypes.pop() if len(dtypes) == 1 else MAYBE_DTYPE,
        story.device_expr if story is not None else None,
        story.events if story is not None else (),
        new_ident(),
        items=tuple(items),
        keys=tuple(keys),
    )


def entry(value: Value, key: str | None) -> Value | None:
    """``batch["x"]`` of a dict whose entries are known (a dict of tensors, or of
    settings: ``cfg["device"]``); None when ``key`` is not one. A key the code does
    not write (``DTYPES[args.precision]``) of a dict of dtypes: any of them, "maybe"
    where they differ (keeping the half one's line, as a dtype chosen on a path)."""
    if value.kind == Kind.OPTIONS and key is None and value.items:
        if all(v.kind == Kind.DTYPE for v in value.items):
            return functools.reduce(merge_values, value.items)
    if value.kind not in (Kind.ENCODING, Kind.OPTIONS) or key is None or key not in value.keys:
        return None
    return value.items[value.keys.index(key)]


_FLOAT_RANK = {"float16": 1, "bfloat16": 1, "float32": 2, "float64": 3}


def promoted(dtypes: set[str | None]) -> str | None:
    """torch's result dtype for tensors of ``dtypes`` that all have dimensions: the
    widest floating one (float16 with bfloat16 is float32; integers and bools give
    way to a float; float64, the widest real one, whatever the others are, short of
    complex); None when one is unknown otherwise or they are integers of two kinds."""
    if any(d is None or d == MAYBE_DTYPE for d in dtypes):
        wide = "float64" in dtypes and not any(d and d.startswith("complex") for d in dtypes)
        return "float64" if wide else None
    floats = {d for d in dtypes if d in _FLOAT_RANK}
    if not floats:
        return dtypes.pop() if len(dtypes) == 1 else None
    if floats == {"float16", "bfloat16"}:
        return "float32"
    if any(d.startswith("complex") for d in dtypes if d is not None):
        return None
    return max(floats, key=lambda d: _FLOAT_RANK[d])
