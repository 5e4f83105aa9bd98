"""``Scope``: one function's environment in a flow walk (what each name holds), with
the lookups and the reading of device and dtype expressions that every part of the
walk shares. What the walk keeps across scopes is ``walk.Walk``."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis import config_files
from torchlint.analysis.branches import GPU_TEST, gpu_run_branch
from torchlint.analysis.forward_state import method_state
from torchlint.analysis.names import dotted, string_key, string_value
from torchlint.analysis.order import contains
from torchlint.analysis.torch_api import (
    GPU_STRINGS,
    dtype_named,
    names_cpu,
    says_dtype,
    torch_dtype,
)
from torchlint.analysis.values import (
    DTYPE_NAME,
    LIBRARY,
    MAYBE_DTYPE,
    NUMPY_DTYPE,
    UNKNOWN,
    Event,
    Kind,
    Place,
    Site,
    Value,
    entry,
    followed,
    member,
    with_cast,
)

if TYPE_CHECKING:
    from torchlint.analysis.facts import ClassFacts
    from torchlint.analysis.walk import Walk

# What an instance's attribute may be read as from outside the class.
_DATA = frozenset({Kind.NDARRAY, Kind.TENSOR, Kind.NUMBER, Kind.DTYPE, Kind.DEVICE})


# Methods of a module class that move (and cast) its own state: ``_apply`` is what
# ``.to()``, ``.cuda()`` and ``.half()`` run through.
_OWN_PLACEMENT = frozenset({"_apply", "to", "cuda", "half", "float", "type"})


# A model's configuration objects (``model.config.hidden_size``).
_CONFIGS = frozenset({"config", "generation_config", "hparams"})


class Scope(ABC):
    """One walk over one function (or the module body); ``depth`` > 0 when the
    function is followed from a call site, with the call's arguments bound."""

    def __init__(
        self,
        walker: Walk,
        env: dict[str, Value],
        depth: int = 0,
        stack: tuple[cst.FunctionDef, ...] = (),
        cls: ClassFacts | None = None,
    ) -> None:
        self.w = walker
        self.env = env
        self.gpu_evidence: Event | None = None
        self.autocast = 0
        self.no_grad = 0  # inside ``with torch.no_grad():`` (or a function so decorated)
        # ``with torch.device(d):``: where factories and layers made inside land (the
        # place and the expression naming it); torch keeps it for callees too.
        self.device_context: tuple[Place, cst.BaseExpression] | None = None
        self.depth = depth
        self.stack = stack
        # The walk that followed a call into this one (its ``stmt`` is the call's).
        self.parent: Scope | None = None
        self.called_at: cst.CSTNode | None = None  # (the parent's call that led here)
        self.cls = cls
        self.returns: list[Value] = []
        self.returned_at: list[cst.CSTNode] = []  # (each return's statement, in step)
        self.yields: list[Value] = []  # what a generator yields
        self.contextmanager = False  # a @contextmanager's generator
        # The statements of the function's own body (not nested in a block), and
        # whether the GPU run already returned at one of them (``if
        # torch.cuda.is_available(): return model.cuda()``): later returns are
        # another run's.
        self.top: frozenset[int] = frozenset()
        self.gpu_run_returned = False
        self.stmt: cst.CSTNode | None = None  # the statement being walked
        # What the stores of a loop over a dict by key put back (``key_loops.py``).
        self.watched: dict[int, Value | None] = {}
        # What this walk put in a memo container by key (``memos.py``).
        self.memo_stored: dict[str, Value] = {}
        # The names last bound to a read of a memo, and its container (``memos.py``).
        self.memo_reads: dict[str, str] = {}
        self.in_forward = False  # followed from a module call (see CallObs)
        # In the forward of a DataParallel replica (its GPU is the current one).
        self.replica = 0
        # How many conditions that pick some parameters enclose the statement walked
        # now (``if p.requires_grad:``, ``analysis/recasts.py``).
        self.selecting = 0
        # Walking from an entry: the module body, a function of the file or a method
        # of a class with no base (script code: a trainer, an evaluator), or what
        # they call. The methods of a module (or of any class with a base), walked on
        # their own, follow only their class's methods (the screen groups the code
        # the same way).
        self.entry = cls is None or not cls.bases
        # A recursive helper walked on a leaf (``shapes.py``): its recursive calls
        # (by id, those met) are not followed, and the returns that only rebuild a
        # container from them are left out (``dropped``).
        self.leaf_walk = False
        self.recursed: set[int] = set()
        self.dropped = False

    def hand_back(self, value: Value, stmt: cst.CSTNode) -> None:
        """``return value`` at ``stmt``: one of the values the function may return."""
        self.returns.append(value)
        self.returned_at.append(stmt)

    # ------------------------------------------------------------ lookups
    def lookup(self, path: str) -> Value | None:
        if path in self.env:
            return self.env[path]
        # model.vpm: a part of a module shares its placement and dtype.
        head, _, _ = path.rpartition(".")
        while head:
            parent = self.env.get(head)
            if parent is not None:
                below = path[len(head) + 1 :]
                if parent.kind in (Kind.MODULE, Kind.WRAPPER):
                    if not _CONFIGS.isdisjoint(below.split(".")[:-1]):
                        return Value(Kind.NUMBER)  # (vae.config.scaling_factor: a setting)
                    if below.split(".")[-1] in _CONFIGS:
                        return None  # (the configuration object: no part, no tensor)
                    if "." in below and member(parent, below.split(".", 1)[0]).kind not in (
                        Kind.MODULE,
                        Kind.TENSOR,
                    ):
                        return None  # pipe.scheduler.timesteps: not a part of the pipeline
                    if "." not in below and (kept := self.plain_tensor(parent, below)):
                        return kept  # layer.anchor_vec: a plain tensor, left where made
                    if (state := method_state(self.w.objects, parent, below)) is not None:
                        return state  # blk.moe.aux_loss, set by its forward
                    part = member(parent, path.rsplit(".", 1)[-1])
                    if part.kind == Kind.MODULE and "." not in below:
                        part = self.part_class(parent, below, part)
                    own_cast = self.w.part_casts.get(
                        (parent.ident, below)
                    ) or self.w.part_casts.get((parent.ident, below.split(".", 1)[0]))
                    if own_cast is not None and part.kind in (Kind.MODULE, Kind.TENSOR):
                        # sd_model.model.half(), then sd_model moved (or handed on):
                        # that part keeps its own dtype
                        part = with_cast(part, own_cast)
                    return part
                known = self.w.objects.get(parent.ident) if parent.kind == Kind.OBJECT else None
                if known is not None and path.count(".") == head.count(".") + 1:
                    # data.X of an instance of a class of the file: the data it holds
                    # (not a module: ``result.model.to(cpu)`` elsewhere moves that one
                    # in place, unseen by the instance)
                    held = known[1].get("self." + path.rsplit(".", 1)[-1])
                    if held is None or not (held.kind in _DATA or held.origin.startswith(LIBRARY)):
                        return None
                    handed = parent.handed_in()
                    if handed is not None and "to" in known[0].methods:
                        # batch.mask of a container with its own .to(), handed over:
                        # its tensors came with it (the caller moves them with it)
                        return replace(held, events=(*held.events, handed))
                    return held
                return None
            head, _, _ = head.rpartition(".")
        return self.imported_data(path)

    def part_class(self, parent: Value, attr: str, part: Value) -> Value:
        """``model.decoder`` of a module class of the project whose ``__init__`` kept
        an instance of another class there (``Seq2Seq(encoder, DecoderRNN(...))``):
        that class, so ``model.decoder.step(...)`` runs its method; where and in what
        dtype it is stays the whole's."""
        known = self.w.objects.get(parent.ident) if parent.ident else None
        held = known[1].get("self." + attr) if known is not None else None
        if held is None or held.kind != Kind.MODULE:
            return part
        if (
            held.origin.endswith(("ModuleList", "ModuleDict"))
            and len(held.items) == 1
            and held.items[0].origin in self.w.module_classes
        ):
            # model.yolo_layers of a ModuleList of instances of one class of the
            # project: that list, whose members run their class's methods (where and
            # in what dtype they are stays the whole's: ``list_member``)
            return replace(part, origin=held.origin, items=held.items)
        if held.origin not in self.w.module_classes:
            return part
        return replace(part, origin=held.origin)

    def plain_tensor(self, parent: Value, attr: str) -> Value | None:
        """``layer.anchor_vec`` of a module of a class of the project whose
        ``__init__`` (and no other method) set a plain tensor there (no parameter,
        no buffer) made on the CPU: that tensor, where it was made. ``.to()``,
        ``.cuda()`` and ``.half()`` of the module move only its parameters, buffers
        and submodules. Not for a class (or a base of the project) that overrides
        ``_apply``, ``to``, ``cuda``, ... (it moves its own state)."""
        known = self.w.objects.get(parent.ident) if parent.ident else None
        if known is None or not known[0].is_module:
            return None
        cls, attrs = known
        held = attrs.get("self." + attr)
        if (
            held is None
            or held.kind != Kind.TENSOR
            or held.device != Place.CPU
            or held.origin
            or held.last("create") is None
            or held.last("move", "place") is not None
        ):
            return None
        init = cls.method("__init__")
        if init is None or not all(contains(init, e) for e in cls.self_attrs.get(attr, ())):
            return None  # (set again by a method that runs later: create_grids(...))
        if not _OWN_PLACEMENT.isdisjoint(self.w.methods(cls)):
            return None
        return held

    def imported_data(self, path: str) -> Value | None:
        """``train_loader`` of ``from data_loader import train_loader`` (``priors`` of
        ``import config; config.priors``): the data another file of the project binds
        at module level, as that file's functions see it (``bindings.py``). Only from
        an entry, as calls into other files are followed."""
        head = path.split(".", 1)[0]
        imports = self.w.analysis.imports
        if not self.entry or (head not in imports.names and head not in imports.relative):
            return None
        found = self.w.imported(path)
        if found is None or "." in found[1] or found[1] not in found[0].bound:
            return None
        with self.w.within(found[0]):
            return self.w.globals.get(found[1])

    def part_cast(self, path: str | None, receiver: Value, dtype: str, cast: Event | None) -> None:
        """``model.trunk.half()``: that part keeps its dtype (``w.part_casts``) when
        the whole is moved or handed on, until the whole is cast (``model.half()``
        casts every part again)."""
        if receiver.ident == 0:  # a part read off the whole (member)
            if receiver.part_of and path is not None and path.count(".") == 1:
                self.w.part_casts[(receiver.part_of, path.split(".", 1)[1])] = (dtype, cast)
            return
        for key in [k for k in self.w.part_casts if k[0] == receiver.ident]:
            del self.w.part_casts[key]
        head, _, attr = (path or "").rpartition(".")
        parent = self.env.get(head) if head else None
        if parent is not None and parent.kind in (Kind.MODULE, Kind.WRAPPER):
            # sd.model.half() of a part its __init__ made (a name of its own)
            self.w.part_casts[(parent.ident, attr)] = (dtype, cast)

    def part_attribute(self, path: str) -> bool:
        """``sd.model`` names a submodule its class's ``__init__`` set
        (``self.model = nn.Conv2d(...)``), not a method: ``sd.model(x)`` runs that
        part, in its own dtype."""
        head, _, attr = path.rpartition(".")
        parent = self.lookup(head) if head else None
        known = self.w.objects.get(parent.ident) if parent is not None and parent.ident else None
        if known is None or attr in self.w.methods(known[0]):
            return False
        held = known[1].get("self." + attr)
        return held is not None and held.kind in (Kind.MODULE, Kind.WRAPPER)

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
            elif v.kind in HOLDERS and (held := holding(v, ident, value)) is not v:
                # self.nets = [a, b]; a.to(device): the list holds the moved a (as a
                # dict of parts, parts["vae"].to(device), holds the moved VAE)
                self.env[key] = held
        # trainer = Trainer(model); model.to(device): the instance holds the moved one
        # (and a list it holds: self._teacher = [teacher]; teacher.to(device))
        for _, attrs in self.w.objects.values():
            for key, v in list(attrs.items()):
                if v.ident == ident:
                    attrs[key] = replace(value, ident=ident, moved_from=v.moved_from)
                elif v.kind in HOLDERS and (held := holding(v, ident, value)) is not v:
                    attrs[key] = held

    def forget(self, ident: int) -> None:
        """Nothing is known any more of the object ``ident``, by any name."""
        for name, held in list(self.env.items()):
            if held.ident == ident:
                self.env[name] = UNKNOWN

    def escape(self, value: Value) -> None:
        """Passed to code we cannot see: it may have been moved or cast there."""
        if value.kind in (Kind.MODULE, Kind.WRAPPER) and value.ident:
            self.update_ident(value.ident, replace(value, device=None, dtype=None))
        elif value.kind in (Kind.ENCODING, Kind.OPTIONS) and value.keys and value.ident:
            self.forget(value.ident)  # a dict: any entry may be set there
        elif value.kind == Kind.OPTIMIZER and value.ident:
            self.update_ident(value.ident, replace(value, device=Place.MAYBE))

    def escape_args(self, args: Iterable[tuple[cst.Arg, Value]]) -> None:
        for _, value in args:
            self.escape(value)

    # ------------------------------------------------------------ devices
    def guard(self, test: cst.BaseExpression) -> str | None:
        """Which branch of ``if test:`` the GPU run takes ("body", "orelse", None)."""
        return gpu_run_branch(test, self.w.analysis.qualify, self._gpu_flag)

    def _gpu_flag(self, node: cst.BaseExpression) -> str | None:
        """The branch the GPU run takes on a name that holds a GPU test's result."""
        name = dotted(node)
        value = self.lookup(name) if name is not None else None
        if value is None or not value.origin.startswith(GPU_TEST):
            return None
        return value.origin[len(GPU_TEST) :]

    def gpu_test(self, node: cst.BaseExpression, value: Value) -> Value:
        """``value``, or, for a test the GPU run answers (``torch.cuda.is_available()``,
        ``not args.no_cuda and torch.cuda.is_available()``), a bool that remembers
        which branch of an ``if`` on it the GPU run takes."""
        if value.kind is not None or not isinstance(
            node, (cst.Call, cst.BooleanOperation, cst.UnaryOperation, cst.Comparison)
        ):
            return value
        taken = self.guard(node)
        if taken is None:
            return value
        return Value(Kind.NUMBER, dtype="bool", origin=GPU_TEST + taken)

    def made_on(self) -> tuple[Place | None, cst.BaseExpression | None]:
        """Where a tensor or a layer made without ``device=`` lands: the device of an
        enclosing ``with torch.device(d):``, else the CPU (somewhere unknown in a file
        that sets a default device)."""
        if self.device_context is not None:
            return self.device_context
        return (Place.MAYBE if self.w.analysis.default_device else Place.CPU), None

    def device_of(self, node: cst.BaseExpression) -> tuple[Place | None, cst.BaseExpression | None]:
        """(device class, the expression) if ``node`` denotes a device."""
        if type(node) is cst.SimpleString:
            text = string_value(node)
            if isinstance(text, str):
                kind = text.split(":", 1)[0]
                if kind in GPU_STRINGS or kind in (Place.CPU, Place.META):
                    place = (
                        Place.CPU if kind == "cpu" else Place.META if kind == "meta" else Place.CUDA
                    )
                    return place, node
            return None, None
        if type(node) is cst.FormattedString:
            text = "".join(p.value for p in node.parts if isinstance(p, cst.FormattedStringText))
            return (Place.CUDA, node) if text.startswith(Place.CUDA) else (None, None)
        if type(node) is cst.Integer:
            return Place.CUDA, node
        if type(node) is cst.IfExp:
            # torch.device("cuda:0" if args.cuda and torch.cuda.is_available() else "cpu")
            taken = self.guard(node.test)
            if taken is not None:
                chosen = self.device_of(node.body if taken == "body" else node.orelse)[0]
                return (chosen, node) if chosen is not None else (None, None)
            body, orelse = self.device_of(node.body)[0], self.device_of(node.orelse)[0]
            if body is None and orelse is None:
                return None, None
            return (body if body == orelse else Place.VAR), node
        if type(node) is cst.Subscript:
            setting = self.setting(node)  # .to(cfg["device"]) of {"device": "cpu"}
            if setting is not None and setting.kind == Kind.DEVICE:
                return setting.device or Place.VAR, node
            return self._settings_file(node, node.value)
        if type(node) is cst.Call:
            q = self.w.analysis.qualify(node.func)
            if q == "torch.device" and node.args:
                literal, _ = self.device_of(node.args[0].value)
                return (literal or Place.VAR), node
            if type(node.func) is cst.Attribute and node.func.attr.value == "get":
                return self._settings_file(node, node.func.value)
            return None, None
        name = dotted(node)
        if name is not None:
            value = self.lookup(name)
            if type(node) is cst.Attribute and (value is None or value.kind != Kind.DEVICE):
                # self._execution_device, a property (``self.device`` of a module
                # class: not a part of it)
                value = self.attribute(node) or value
            if (value is None or (value.kind == Kind.DEVICE and not value.device)) and names_cpu(
                name, self.cls, self.w.analysis
            ):
                return Place.CPU, node  # self._cpu_device = torch.device("cpu")
            if value is not None and value.kind == Kind.DEVICE:
                return value.device or Place.VAR, node
            option = self._option_choice(name) if value is None else None
            if option is not None:
                return option, node
            owner = self.device_owner(name) if value is None else None
            if owner is not None and owner.device is not None:
                return owner.device, node  # t.device: where t is (the CPU too)
            last = name.rsplit(".", 1)[-1].lower()
            if last == "dev" or last.endswith(("device", "rank", "gpu")) or last.startswith("gpu"):
                return Place.VAR, node
        return None, None

    def _settings_file(
        self, node: cst.Subscript | cst.Call, owner: cst.BaseExpression
    ) -> tuple[Place | None, cst.BaseExpression | None]:
        """``cfg["device"]``, ``cfg.get("device")`` of settings read from a file: a
        device the user chooses."""
        owned = self.lookup(dotted(owner) or "")
        found = config_files.device_entry(owned, string_key(node), node)
        return (found.device, node) if found is not None else (None, None)

    def _option_choice(self, name: str) -> Place | None:
        """``args.device`` of an option the file declares with a default that a guard
        chooses (``"cuda" if torch.cuda.is_available() else "cpu"``): where that
        default is in the run the guard says. A plain string default counts when it
        names a GPU (``default="cuda"``: the run without flags is on it); a CPU default
        is left to the user, who may pass a GPU."""
        default = self.option_default(name)
        if isinstance(default, cst.SimpleString):
            place = self.device_of(default)[0]
            return place if place == Place.CUDA else None
        if not isinstance(default, cst.IfExp) or self.guard(default.test) is None:
            return None
        return self.device_of(default)[0]

    def option_default(self, name: str) -> cst.SimpleString | cst.IfExp | None:
        """For ``args.device``: the default of the command-line option the file
        declares with that name (``add_argument("--device", default=...)``)."""
        head, _, attr = name.rpartition(".")
        if not head or head.split(".", 1)[0] in ("self", "cls"):
            return None
        return self.w.analysis.option_defaults.get(attr)

    def device_owner(self, name: str) -> Value | None:
        """For ``t.device``: the tensor ``t``, when the walk knows it is one."""
        if not name.endswith(".device"):
            return None
        owner = self.lookup(name[: -len(".device")])
        # (or what ``.to(d)`` made of something unknown: its ``.device``, if it has
        # one, is ``d``)
        return owner if owner is not None and owner.kind in (Kind.TENSOR, Kind.MOVED) else None

    def setting(self, node: cst.Subscript) -> Value | None:
        """``cfg["device"]``: the entry of a dict of settings the walk knows."""
        owner = self.lookup(dotted(node.value) or "")
        return entry(owner, string_key(node)) if owner is not None else None

    def dtype_by_name(self, call: cst.Call) -> Value | None:
        """``getattr(torch, "half")``, ``getattr(torch, cfg["dtype"])`` of ``{"dtype":
        "float16"}`` (or a name holding such a string): that dtype; else None."""
        if len(call.args) != 2 or dotted(call.func) != "getattr":
            return None
        if self.w.analysis.qualify(call.args[0].value) != "torch":
            return None
        text = call.args[1].value
        named = dtype_named(text) or (
            self.setting(text) if type(text) is cst.Subscript else self.lookup(dotted(text) or "")
        )
        if named is None or named.kind != Kind.DTYPE or named.origin != DTYPE_NAME:
            return None
        return replace(named, origin="")

    def dtype_of(self, node: cst.BaseExpression) -> str | None:
        d = torch_dtype(node, self.w.analysis)
        if d is not None:
            return d
        if type(node) is cst.Call:
            named = self.dtype_by_name(node)  # getattr(torch, cfg["dtype"])
            return named.dtype if named is not None else None
        if type(node) is cst.Subscript:
            setting = self.setting(node)  # torch_dtype=cfg["dtype"]
            return setting.dtype if setting is not None and setting.kind == Kind.DTYPE else None
        name = dotted(node)
        if name is not None:
            value = self.lookup(name)
            if value is None and type(node) is cst.Attribute:
                value = self.attribute(node)  # self.working_dtype, a property
            if value is not None and value.kind == Kind.DTYPE:  # (torch takes no numpy dtype)
                return (value.origin != NUMPY_DTYPE and value.dtype) or MAYBE_DTYPE
            if name.endswith(".dtype"):  # x.dtype of a tensor or module the walk knows
                owner = self.lookup(name[: -len(".dtype")])
                if owner is not None and owner.kind in (
                    Kind.TENSOR,
                    Kind.MOVED,
                    Kind.MODULE,
                    Kind.WRAPPER,
                ):
                    return owner.dtype or MAYBE_DTYPE
            if "dtype" in name.rsplit(".", 1)[-1].lower() or name.endswith(".dtype"):
                return MAYBE_DTYPE
        return None

    def dtype_chosen(self, call: cst.Call) -> Event | None:
        """The dtype argument of ``call`` (``.to(dtype)``, ``torch_dtype=dtype``) is a
        name bound to a flag's choice (``torch.float16 if args.fp16 else
        torch.float32``): the half one, as a cast at that choice. The cast is then on
        a branch (``Value.branch_cast``): the run that takes it has that dtype."""
        value = self._dtype_name(call)
        return value.last("cast") if value is not None else None  # (then handed down)

    def dtype_handed(self, call: cst.Call) -> Event | None:
        """The dtype argument of ``call`` is a name bound to a dtype a caller passed
        (``cls().to(torch_dtype)`` in a ``from_pretrained(cls, torch_dtype=...)`` the
        file defines): that argument, where the dtype was decided."""
        value = self._dtype_name(call)
        return value.handed_in() if value is not None and value.dtype else None

    def _dtype_name(self, call: cst.Call) -> Value | None:
        """The dtype ``call`` is given (positional, ``dtype=``, ``torch_dtype=``), if known."""
        for arg in call.args:
            if arg.keyword is None or arg.keyword.value in ("dtype", "torch_dtype"):
                held = arg.value  # (dtype, DTYPES[args.dtype])
                value = self.setting(held) if isinstance(held, cst.Subscript) else None
                value = value or self.lookup(dotted(held) or "")
                value = value or (self.eval(held) if isinstance(held, cst.IfExp) else None)
                if value is not None and value.kind == Kind.DTYPE:
                    return value
        return None

    def dtype_source(self, node: cst.BaseExpression) -> Event | None:
        """Where the dtype ``node`` reads was decided, when it is another tensor's
        (``x.dtype``, or a name bound to it: ``dtype = x.dtype``) and that tensor got
        it by default, not by choice (``torch.ones(n)``: float32 because nothing said
        otherwise). A dtype chosen there (``.half()``, ``dtype=``) is one the code
        meant to copy: the copy is then the line that decided."""
        made: Event | None = None
        if isinstance(node, cst.Attribute) and node.attr.value == "dtype":
            owner = self.lookup(dotted(node.value) or "")
            follow = followed(owner, node) if owner is not None else None
            if follow is not None:
                return follow
            if owner is not None and owner.kind in (Kind.TENSOR, Kind.MOVED):
                made = owner.dtype_event()
        else:
            name = dotted(node)
            value = self.lookup(name) if name is not None else None
            if value is not None and value.kind == Kind.DTYPE:
                # (handed down to a helper: what it was before)
                made = next((e for e in reversed(value.events) if e.action != "pass"), None)
        if made is not None and made.action == "follow":
            return made  # dtype = self.unet.dtype: what is made so follows that module
        if made is None or made.action != "create" or says_dtype(made.node):
            return None
        return made

    def cast_source(self, call: cst.Call) -> Event | None:
        """``dtype_source`` of the dtype a call is given (``dtype=`` or positional)."""
        for arg in call.args:
            if arg.keyword is None or arg.keyword.value == "dtype":
                found = self.dtype_source(arg.value)
                if found is not None:
                    return found
        return None

    def to_args(
        self, call: cst.Call
    ) -> tuple[tuple[Place | None, cst.BaseExpression | None], str | None]:
        """What ``.to(...)`` asks for: ((device, expr), dtype)."""
        device: tuple[Place | None, cst.BaseExpression | None] = (None, None)
        dtype = None
        for arg in call.args:
            if arg.star:
                return (Place.MAYBE, None), MAYBE_DTYPE
            kw = arg.keyword.value if arg.keyword else None
            if kw == "device":
                d = self.device_of(arg.value)
                device = d if d[0] else (Place.VAR, arg.value)
            elif kw == "dtype":
                dtype = self.dtype_of(arg.value) or MAYBE_DTYPE
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
                if other.kind == Kind.DTYPE:  # .to(d, torch.float16 if half else ...)
                    dtype = other.dtype or MAYBE_DTYPE
                elif other.kind == Kind.TENSOR:  # .to(other): other's device and dtype
                    device = (other.device or Place.VAR, arg.value)
                    dtype = other.dtype or MAYBE_DTYPE
                else:
                    device = (Place.MAYBE, None)
        return device, dtype

    # ------------------------------------------------------------ the rest of the walk
    @abstractmethod
    def eval(self, node: cst.BaseExpression) -> Value:
        """What ``node`` evaluates to, observing the calls in it."""

    @abstractmethod
    def attribute(self, node: cst.Attribute) -> Value | None:
        """``obj.name`` of an instance of a class of the project: a ``@property``'s
        value, or a number its ``__init__`` stored (``properties.py``); else None."""

    @abstractmethod
    def rescued(self, path: str) -> None:
        """What was attached to a placed model at ``path`` is moved there itself
        (``attachments.py``)."""

    @abstractmethod
    def constant(self, test: cst.BaseExpression) -> bool | None:
        """The value of ``test`` where the walk decides it (``flow.py``)."""

    @abstractmethod
    def method_of(
        self,
        obj: Value,
        method: str,
        node: Site,
        args: list[tuple[cst.Arg, Value]],
        label: str = "",
    ) -> Value | None:
        """``obj.method(...)`` on an instance of a class of the file, walked."""

    @abstractmethod
    def follow(
        self,
        fn: cst.FunctionDef,
        node: Site,
        args: list[tuple[cst.Arg, Value]],
        cls: ClassFacts | None,
    ) -> Value | None:
        """A call to a function of the file walked with ``args`` (``calls.py``);
        None where it is not followed."""

    @abstractmethod
    def observe_call(
        self,
        node: cst.Call,
        callee: str,
        module: Value,
        args: list[tuple[cst.Arg, Value]],
        walked: bool = False,
    ) -> Value | None:
        """Records a module called on ``args`` (``walked``: run by a method walked
        already); what its forward returned, where the walk followed it."""
        return None


# What holds modules by position or by key (``[a, b]``, ``{"vae": vae}``).
HOLDERS = frozenset({Kind.LIST, Kind.TUPLE, Kind.OPTIONS})


def holding(holder: Value, ident: int, value: Value, depth: int = 2) -> Value:
    """``holder`` with the object ``ident`` it holds (``depth`` levels down) now
    ``value``; ``holder`` itself where it holds no such object."""
    items = tuple(
        replace(value, ident=ident, moved_from=i.moved_from)
        if i.ident == ident
        else (holding(i, ident, value, depth - 1) if depth > 1 and i.kind in HOLDERS else i)
        for i in holder.items
    )
    if all(a is b for a, b in zip(items, holder.items, strict=True)):
        return holder
    return replace(holder, items=items)
