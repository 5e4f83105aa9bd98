"""What the flow walk records for the rules: observations keyed by the node they
concern (a module called on some inputs, a parallel wrapper applied, a ``.to()``
whose result is thrown away, ...), each with the values as they were at that point.
A rule's ``visit_Call`` looks its node up in ``FlowFacts``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import libcst as cst

from torchlint.analysis.values import Event, Gpu, Value

if TYPE_CHECKING:
    from torchlint.analysis.project import Home


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
class TensorMoveObs:
    """A CPU tensor moved to a device and the result bound to a name (``ids =
    ids.to(device)``): tensors computed from the old one before stay behind."""

    move: Event
    order: int  # the moved tensor's ident (``Derivation.order``: what came first)
    statement: cst.CSTNode


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
    """``x.to(device)`` as a statement, with ``x``'s value; or a loop's name rebound
    to its moved copy, which nothing reads (``statement``: that assignment's line,
    ``rebinds.py``)."""

    node: cst.Call
    receiver: Value
    statement: cst.Expr | cst.SimpleStatementLine
    loop: cst.For | None = None


@dataclass(frozen=True)
class MixObs:
    """A tensor made on the CPU (``cpu``) meets one on a device (``device``) in a
    ``torch.cat``/``stack``, arithmetic or an index (``t[mask]``) at ``node``."""

    node: cst.CSTNode
    cpu: Value
    device: Value
    device_expr: cst.BaseExpression  # the code of the operand on the device
    # The code of the CPU one, where it is not an operand of ``node`` (a loss's class
    # weights, given to its constructor: ``losses.called``).
    cpu_expr: cst.BaseExpression | None = None
    # The CPU one is the index of an index op (``torch.scatter(x, 1, idx, 0)``,
    # ``x.gather(1, idx)``): 'Expected all tensors to be on the same device', whatever
    # ``x`` is (``joins.indexed_by``).
    index: bool = False


@dataclass(frozen=True)
class HardCudaObs:
    """A tensor put on CUDA by name (``.cuda()``, ``device="cuda"``,
    ``torch.cuda.FloatTensor(...)``) at ``node`` while a model placed on a device that
    falls back to the CPU runs (``call``: the call of the model; ``placed``: its
    move; ``fallback``: the expression that chose the device)."""

    node: cst.CSTNode
    call: cst.CSTNode
    callee: str
    placed: Event
    fallback: cst.CSTNode
    built: bool = False  # in the model's construction (``call`` made it), before the move
    # The model was never moved: ``placed`` moved its inputs, which take it there (a
    # loss or a metric has no weights to place).
    by_inputs: bool = False


@dataclass(frozen=True)
class GpuMixObs:
    """A tensor put on the current GPU (``current``: its ``.cuda()`` or ``"cuda"``)
    meets one on a GPU the code chooses (``chosen``: ``.to(args.device)``,
    ``f"cuda:{rank}"``) at ``node`` (``analysis/gpus.py``)."""

    node: cst.CSTNode
    current: Event
    chosen: Event
    current_expr: cst.BaseExpression
    chosen_expr: cst.BaseExpression


@dataclass(frozen=True)
class FallbackMixObs:
    """A tensor put on CUDA by name (``cuda``: its ``.cuda()``, ``device="cuda"``) meets
    at ``node`` one put on a device that is the CPU in the run without a GPU
    (``placed``: its move or making; ``fallback``: the expression that chose the
    device): that run fails at the ``.cuda()`` (``analysis/gpus.py``)."""

    node: cst.CSTNode
    cuda: Event
    placed: Event
    fallback: cst.CSTNode
    placed_expr: cst.BaseExpression


@dataclass(frozen=True)
class CpuHalfOpObs:
    """A float16 tensor (``operand``, its code ``expr``) given to an op with no CPU
    float16 kernel (``torch_api.NO_CPU_HALF_OPS``) at ``node``, in a run where it is on
    the CPU: every run (``fallback`` None), or the run without a GPU or without flags,
    where ``fallback`` (the device expression, or the move to the option) puts it there."""

    node: cst.Call
    op: str
    expr: cst.BaseExpression
    operand: Value
    fallback: cst.CSTNode | None


@dataclass(frozen=True)
class DtypeMixObs:
    """Tensors of two floating dtypes meet in an op that never promotes (``torch.mm``,
    ``@``, ``F.linear``, ``F.conv2d``: ``STRICT_DTYPE_OPS``) at ``node``; ``operands``
    are those with a known floating dtype, each with its code."""

    node: cst.CSTNode
    op: str
    operands: tuple[tuple[cst.BaseExpression, Value], ...]
    autocast: bool
    # A loss's class weights (the first operand, its constructor's argument) and its
    # input (``strict_ops.loss_weight``), not the operands of one op.
    weights: bool = False
    # An op that computes floating tensors only, given integers (``float_only.py``):
    # the one operand is those.
    float_only: bool = False
    # Of those, a mask that must be bool or floating (``F.scaled_dot_product_attention(
    # q, k, v, attn_mask=ids_mask)``): the operand is the mask.
    mask: bool = False


@dataclass(frozen=True)
class CpuRunObs:
    """A module cast to float16 for every run, and moved to a GPU only under
    ``if torch.cuda.is_available():``: the run without a GPU keeps it on the CPU in
    float16."""

    cast: Event
    move: Event  # the move inside the guard
    guard: cst.If


@dataclass(frozen=True)
class LateModuleObs:
    """A submodule added after the parent module was placed, or a buffer or a
    parameter made on the CPU registered then, with no placement after."""

    node: cst.CSTNode  # the assignment / setattr / conversion / register_buffer
    parent: str
    placement: Event
    what: str  # "module", "buffer" or "parameter"
    root: str = ""  # the model that was placed, when ``parent`` is a part of it
    # Attached in a function the placing one calls: the placement's device is not a
    # name there.
    in_callee: bool = False
    # Then ``node`` is the statement of the call that reached the attachment (in the
    # function that placed the model), and this is the attachment itself.
    attached: cst.CSTNode | None = None
    name: str = ""  # of a buffer or a parameter, when the code names it
    # A buffer or a parameter registered in a function of the file that the placing
    # one calls: reported where it is registered (``node``; ``root`` is the model as
    # that function names it), and this is the statement of the call that handed
    # the model over.
    via: cst.CSTNode | None = None
    # Attached by a forward a module call ran (a layer built lazily at the first
    # call), not by another method of the module (``model.load(state)``).
    in_forward: bool = False


@dataclass(frozen=True)
class LossObs:
    """A loss called on an input and a target (``F.cross_entropy(logits, labels)``)."""

    loss: str  # as messages name it: "cross_entropy", "BCELoss", ...
    qualified: str  # its qualified name, a key of loss_api.LOSSES
    target_arg: cst.Arg
    target: Value
    input: Value
    # Outside ``torch.no_grad()`` / ``torch.inference_mode()``: the loss may be
    # backpropagated (where some kernels refuse mixed dtypes).
    grad: bool = True
    # A transformers task head called with ``labels`` (``input`` is the model):
    # the head's suffix and whether its loss depends on the config
    # (``torch_api.LABELS_CROSS_ENTROPY_HEADS``).
    head: tuple[str, bool] | None = None
    # The parameter of a length argument (``target_lengths`` of ``F.ctc_loss``,
    # ``loss_api.LENGTH_LOSSES``), recorded as a target of its own.
    role: str = ""


@dataclass(frozen=True)
class OptimizerObs:
    """A module moved to a device (``move``) after an optimizer over its parameters
    made or loaded its state on the CPU (``state``), then stepped at ``step``."""

    move: Event
    state: Event
    step: cst.Call
    optimizer: str  # as the step names it


@dataclass(frozen=True)
class RetypeObs:
    """``x.type_as(t)`` or ``x.type(t.type())`` of a tensor ``x`` on the CPU with ``t``
    on a GPU (``analysis/retype.py``): ``x`` goes to the *current* GPU, since a type
    (``"torch.cuda.FloatTensor"``) has no GPU index. Where ``t`` is: its own GPU
    (``gpu_of``), or, for an input of a module's forward whose own GPU the walk does
    not know, the GPU of that module (``module``, the forward's ``self``): its inputs
    are there, or the forward fails before this."""

    node: cst.Call
    receiver: Value
    target: Value
    target_expr: cst.BaseExpression
    module: Value | None


@dataclass(frozen=True)
class CopyObs:
    """A module moved to a device (``move``) after its parameters were copied on the
    CPU (``copy``); the copy then met a tensor on the device, or the moved
    parameters themselves, at ``use``."""

    move: Event
    copy: Event
    use: cst.CSTNode


K = TypeVar("K", bound=cst.CSTNode)
V = TypeVar("V")


class Observations(dict[K, V]):
    """What the walk saw at each node: as a dict, the function's own walk (its
    parameters unknown); ``all(node)`` adds what it saw there each time the function
    was followed from a call site of the file, with that call's arguments."""

    def __init__(self) -> None:
        super().__init__()
        self.in_context: dict[K, list[V]] = {}
        self.facts: FlowFacts | None = None
        # What was seen in another file, by id: the node there it was seen at (a
        # rule may report that line for its own file, ``Rule.once_at(forward=True)``).
        self.seen_at: dict[int, cst.CSTNode] = {}

    def add(self, node: K, value: V, depth: int) -> None:
        site = self.facts.site if self.facts is not None else None
        if site is not None:
            # Seen in another file of the project, followed from a call of this one:
            # what the rules can visit is that call.
            self.seen_at[id(value)] = node
            node = site  # type: ignore[assignment]
        if depth == 0 and not (self.facts is not None and self.facts.replaying):
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
    # Reads of batches of unknown kind whose other entries the function moves
    # (``analysis/batches.py``), by node id.
    batch_entries: frozenset[int] = frozenset()
    # Floating indices: the op (scatter_, gather, F.one_hot, ...) as a call of the index.
    float_indices: Observations[cst.Call, CallObs] = field(default_factory=Observations)
    # Tensors made of numpy data cast to float32 (``torch.from_numpy(a)`` of ``a =
    # m.astype(np.float32)``), by the making's node: that cast. (As the line of the
    # dtype, torch's default is left to the making: what a model needs is decided
    # later; what made ids floating is that cast.)
    float32_data: dict[cst.CSTNode, Event] = field(default_factory=dict)
    wraps: Observations[cst.Call, WrapObs] = field(default_factory=Observations)
    # Keyed by the guarded move (``model.cuda()`` under ``if torch.cuda.is_available():``)
    # of a module cast to float16 outside the guard.
    cpu_run_half: dict[cst.CSTNode, CpuRunObs] = field(default_factory=dict)
    # Module moves to a device that is the CPU in the run without a GPU (``"cuda" if
    # torch.cuda.is_available() else "cpu"``), with the expression that chose it.
    cpu_run_moves: dict[cst.CSTNode, cst.CSTNode] = field(default_factory=dict)
    # Casts made in a branch only the GPU run takes (under ``if use_cuda:``), by id of
    # the node: the run without a GPU never made them.
    gpu_only_casts: set[int] = field(default_factory=set)
    # The same for moves (``x = x.cuda()`` under ``if torch.cuda.is_available():``).
    gpu_only_moves: set[int] = field(default_factory=set)
    # The ``if`` statements (by id) a walk read as a GPU test (``if use_cuda:`` with
    # ``use_cuda = torch.cuda.is_available()`` at the call), with the branch the GPU
    # run takes ("body" or "orelse").
    gpu_tests: dict[int, str] = field(default_factory=dict)
    # Modules (by ident) cast in a branch only the run without a GPU takes.
    cpu_only_casts: set[int] = field(default_factory=set)
    # DataParallel wraps whose wrapper is moved afterwards (``DataParallel(m).to(d)``):
    # DataParallel checks devices at its first call, not when it wraps.
    placed_after_wrap: set[cst.Call] = field(default_factory=set)
    # DataParallel wraps of a module on the CPU whose wrapper was called while it was
    # still there, with the first such call: the GPU run fails at that call.
    called_on_cpu: dict[cst.CSTNode, cst.CSTNode] = field(default_factory=dict)
    discarded: Observations[cst.Call, DiscardObs] = field(default_factory=Observations)
    late_modules: Observations[cst.CSTNode, LateModuleObs] = field(default_factory=Observations)
    # ``self.members = list(members)`` in a module's ``__init__``, followed from a call
    # that hands it modules: the list (its member the modules merged) kept unregistered.
    plain_module_lists: Observations[cst.CSTNode, Value] = field(default_factory=Observations)
    # Names that held a value which was then moved under its other name.
    stale: Observations[cst.Call, tuple[cst.Arg, str, Event]] = field(default_factory=Observations)
    # By the ident of the CPU tensor moved: its first move whose result a name holds.
    tensor_moves: dict[int, TensorMoveObs] = field(default_factory=dict)
    # Keyed by the factory call that made the CPU tensor of each meeting.
    mixes: Observations[cst.CSTNode, MixObs] = field(default_factory=Observations)
    dtype_mixes: Observations[cst.CSTNode, DtypeMixObs] = field(default_factory=Observations)
    # Keyed by the op with no CPU float16 kernel given a float16 tensor on the CPU.
    cpu_half_ops: Observations[cst.Call, CpuHalfOpObs] = field(default_factory=Observations)
    # Keyed by the move or creation on the current GPU of each two-GPU meeting.
    gpu_mixes: Observations[cst.CSTNode, GpuMixObs] = field(default_factory=Observations)
    # Keyed by the move or creation on CUDA by name that meets a fallback device's tensor.
    fallback_mixes: Observations[cst.CSTNode, FallbackMixObs] = field(default_factory=Observations)
    # The moves and creations that put a tensor on CUDA by name, outside a GPU-only branch.
    cuda_by_name: set[cst.CSTNode] = field(default_factory=set)
    # ``t.numpy()`` / ``np.asarray(t)``: the tensor converted.
    # (at a call, or at ``array[t]``: a numpy array indexed by a tensor)
    to_numpy: Observations[cst.Call | cst.Subscript, Value] = field(default_factory=Observations)
    # ``x.type(...)``: what ``x`` is, in each walk that reached it.
    type_receivers: Observations[cst.Call, Value] = field(default_factory=Observations)
    # ``F.cross_entropy(logits, target)`` and friends: the target argument and value.
    loss_targets: Observations[cst.Call, LossObs] = field(default_factory=Observations)
    # Keyed by the move of the module whose optimizer's state stays on the CPU.
    optimizer_states: Observations[cst.CSTNode, OptimizerObs] = field(default_factory=Observations)
    # Keyed by the ``type_as`` / ``.type(t.type())`` call.
    retyped: Observations[cst.Call, RetypeObs] = field(default_factory=Observations)
    # Keyed by the move of the module whose parameters were copied on the CPU before.
    param_copies: Observations[cst.Call, CopyObs] = field(default_factory=Observations)
    # Keyed by where a module's buffer was read into another name (``copy``: that
    # read) before the module moved away from the CPU; the name then met a tensor on
    # the device (``analysis/copies.py``).
    stale_buffers: Observations[cst.CSTNode, CopyObs] = field(default_factory=Observations)
    # Keyed by the tensor put on CUDA by name in the code a model on a device that
    # falls back to the CPU runs (``gpus.hard_coded``).
    hard_cuda: Observations[cst.CSTNode, HardCudaObs] = field(default_factory=Observations)
    # Moves of a module to a GPU picked by an index the code wrote into the device
    # (``f"cuda:{args.gpu}"``), not by an option or parameter (``gpus.record_move``).
    indexed_moves: set[cst.CSTNode] = field(default_factory=set)
    # Moves of a module to a command-line option's device whose default is the CPU
    # (``add_argument("--device", default="cpu")``): where a run without flags puts it.
    cpu_option_moves: set[cst.CSTNode] = field(default_factory=set)
    # Which GPU each move, creation or placement picks (``analysis/gpus.py``), by
    # the node of its event; None where the walks that got there disagree.
    gpus: dict[cst.CSTNode, Gpu | None] = field(default_factory=dict)
    # While a loop's body is walked a second time (``loops.rebuilt_on_cpu``): what is seen
    # then is added to what the first pass saw, never in its place.
    replaying: bool = False
    # While a call into another file of the project is followed: the call of this
    # file that led there, where everything observed meanwhile is recorded.
    site: cst.CSTNode | None = None
    # The other files of the project the walk read (a file twice when two of its
    # parts were read apart, ``project.load``): the file's findings depend on them,
    # and may name their lines.
    files: list[Home] = field(default_factory=list)

    def __post_init__(self) -> None:
        for value in vars(self).values():
            if isinstance(value, Observations):
                value.facts = self
