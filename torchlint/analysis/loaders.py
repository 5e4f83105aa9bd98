"""What loading a pretrained model or its tokenizer makes: ``X.from_pretrained(...)``
is a tokenizer or processor, or a model on the CPU, or where ``device_map`` and
quantized loading put it, in the dtype ``torch_dtype`` says."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import libcst as cst

from torchlint.analysis import arrays, cpu_run, gpus, schedulers
from torchlint.analysis.loss_api import labels_head
from torchlint.analysis.names import dotted
from torchlint.analysis.observations import LossObs
from torchlint.analysis.scope import Scope
from torchlint.analysis.torch_api import (
    CLIP_LOADERS,
    DETECTION_BUILDERS,
    HALF_DTYPES,
    MODEL_LOADERS,
    OPEN_CLIP_BUILDERS,
    PROCESSOR_FIELD_DTYPES,
    WHISPER_LOADER,
    transformers_model_name,
)
from torchlint.analysis.values import (
    MAYBE_DTYPE,
    PIPELINE,
    UNKNOWN,
    Event,
    Kind,
    Place,
    Value,
    keyed,
    new_ident,
    new_value,
)

# The origin of what a tokenizer's or processor's call returns (``return_tensors="pt"``).
PROCESSED = "processor output"


def encoding(node: cst.Call) -> Value:
    """What a tokenizer's (or processor's) call returns: an encoding of CPU tensors
    made here."""
    made = new_value(Kind.ENCODING, Place.CPU, None, Event("create", node))
    return replace(made, origin=PROCESSED)


def field(owner: Value, name: str | None) -> Value:
    """``enc.input_ids``, ``enc["pixel_values"]`` of an encoding whose keys the walk
    does not know: a tensor where the encoding is, in the dtype a processor gives
    that field (unknown for any other encoding, a batch of a dataset say)."""
    dtype = PROCESSOR_FIELD_DTYPES.get(name or "") if owner.origin == PROCESSED else None
    return replace(owner, kind=Kind.TENSOR, dtype=dtype or owner.dtype)


# The fields a tokenizer's output always has (``token_type_ids`` only some do).
_TOKENIZER_FIELDS = ("input_ids", "attention_mask")


def tokenizer_fields(owner: Value) -> dict[str, Value]:
    """``model(**enc)`` of a tokenizer's output whose keys the walk does not know:
    the fields it always has (``field``), by name; none for any other value."""
    if owner.kind != Kind.ENCODING or owner.origin != PROCESSED or owner.keys:
        return {}
    return {k: replace(field(owner, k), ident=new_ident()) for k in _TOKENIZER_FIELDS}


def with_entry(owner: Value, key: str | None, value: Value) -> Value | None:
    """A tokenizer's output after ``enc["labels"] = ids``: a dict by key of its token
    ids and mask (``field``) and that entry, where the other entries of the kept
    ``BatchEncoding`` stay what it was (moved with it, passed with it). None for
    any other encoding or key."""
    if owner.kind != Kind.ENCODING or owner.origin != PROCESSED or owner.keys or key is None:
        return None
    fields = [k for k in _TOKENIZER_FIELDS if k != key]
    entries = [replace(field(owner, k), ident=new_ident()) for k in fields]
    made = keyed([*fields, key], [*entries, value])
    return replace(made, ident=owner.ident, origin=PROCESSED)


def from_pretrained(scope: Scope, node: cst.Call, func: cst.BaseExpression) -> Value:
    """``X.from_pretrained(...)``: a tokenizer or processor, a model (where
    ``device_map`` and the dtype say), or unknown (configs, schedulers, adapters, a
    method of a local object)."""
    owner = dotted(func.value) if isinstance(func, cst.Attribute) else None
    low = (owner or "").lower()
    if not transformers_model_name((owner or "").rsplit(".", 1)[-1]) and any(
        k in low for k in ("token", "processor", "featureextractor", "feature_extractor")
    ):
        return new_value(Kind.TOKENIZER, None, None, Event("create", node))
    # Configs, schedulers, GenerationConfig, adapters: not a model. (By the class's
    # own name: ``BartForConditionalGeneration`` is a model.)
    last = low.rsplit(".", 1)[-1]
    if last.endswith("scheduler") and (scope.w.analysis.qualify(func) or "").startswith(
        "diffusers."
    ):
        # (DDPMScheduler.from_pretrained(base, subfolder="scheduler"))
        return schedulers.scheduler((scope.w.analysis.qualify(func) or "").rsplit(".", 1)[0])
    if last.endswith(("config", "scheduler")) or ("adapter" in last and "pipeline" not in last):
        return UNKNOWN
    if (
        owner
        and scope.w.analysis.qualify(func) is None
        and owner.split(".")[0] not in (scope.w.analysis.imports.names)
    ):
        return UNKNOWN  # a local object's method: nothing known
    # Recent transformers load in the checkpoint's dtype unless told otherwise;
    # diffusers in float32 (``torch_dtype=None`` is the default dtype).
    qualified = scope.w.analysis.qualify(func) or ""
    dtype: str | None = "float32" if qualified.startswith("diffusers.") else None
    device: Place | None = Place.CPU
    expr = None
    events = [Event("create", node, bound=frozenset(scope.env))]
    for arg in node.args:
        kw = arg.keyword.value if arg.keyword else None
        if kw in ("torch_dtype", "dtype"):
            dtype = scope.dtype_of(arg.value) or MAYBE_DTYPE
            if isinstance(arg.value, cst.SimpleString):
                dtype = MAYBE_DTYPE  # "auto": whatever the checkpoint says
            chosen = scope.dtype_chosen(node) if dtype == MAYBE_DTYPE else None
            if dtype in HALF_DTYPES or chosen is not None:
                # (a flag's choice: the cast on the branch that chooses half)
                events.append(chosen or Event("cast", arg, dtype))
        elif kw == "device_map":
            device, expr = Place.AUTO, arg.value
            if _cpu_map(arg.value):
                device = Place.CPU  # device_map="cpu" / {"": "cpu"}: placed, on the CPU
            elif _one_gpu_map(arg.value):
                device = Place.CUDA  # device_map="cuda:0" / {"": 0}: all of it on one GPU
            events.append(Event("place", arg, Place.CPU if device == Place.CPU else "device_map"))
            gpus.record(scope, arg, gpus.classify(scope, arg.value, strict=True))
        elif kw in ("load_in_8bit", "load_in_4bit", "quantization_config"):
            device = Place.AUTO  # quantized loading places the weights itself
        elif arg.star == "**" and device == Place.CPU:
            device = Place.MAYBE  # from_pretrained(path, **kwargs): device_map=..., maybe
    origin = PIPELINE if "pipeline" in last else ""
    return Value(Kind.MODULE, device, dtype, expr, tuple(events), new_ident(), origin=origin)


def by_name(
    qualify: Callable[[cst.BaseExpression], str | None], func: cst.BaseExpression
) -> str | None:
    """``models.__dict__[args.arch]`` or ``getattr(models, name)`` of
    ``torchvision.models``: a model constructor chosen by its name (the ImageNet
    example's way), as ``torchvision.models.<by name>``; None for anything else."""
    if type(func) is cst.Subscript and isinstance(func.value, cst.Attribute):
        owner = func.value.value if func.value.attr.value == "__dict__" else None
    elif type(func) is cst.Call and dotted(func.func) == "getattr" and len(func.args) == 2:
        owner = func.args[0].value
    else:
        return None
    return (
        "torchvision.models.<by name>" if owner and qualify(owner) == "torchvision.models" else None
    )


def loaded(made: cst.CSTNode) -> bool:
    """The call that made a module is ``X.from_pretrained(...)`` (``from_config``): a
    model loaded with its weights, in the checkpoint's dtype."""
    return (
        isinstance(made, cst.Call)
        and isinstance(made.func, cst.Attribute)
        and made.func.attr.value in MODEL_LOADERS
    )


def _one_gpu_map(node: cst.BaseExpression) -> bool:
    """``device_map="cuda:0"``, ``{"": 0}``, ``{"": "cuda"}``: the whole model on one
    GPU the code names (a strategy such as "auto" may spread it, or offload parts)."""
    if isinstance(node, cst.Dict):
        whole = gpus.whole_model_device(node)
        if whole is None:
            return False
        node = whole
    if isinstance(node, cst.Integer):
        return True  # a GPU's index
    return gpus.literal_gpu(node) is not None


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


def labels_loss(
    scope: Scope, node: cst.Call, module: Value, args: list[tuple[cst.Arg, Value]]
) -> None:
    """``model(**batch)`` or ``model(x, labels=y)`` of a transformers task head whose
    forward computes a cross-entropy on ``labels`` (``loss_api.labels_head``; the
    class of the call that made it, ``Cls(config)`` or ``Cls.from_pretrained(...)``):
    recorded as a loss target, the model as the input. ``**batch`` gives the labels
    where the flow knows the dict's ``labels`` entry."""
    q = _maker(scope, module, through_loader=True)
    head = labels_head(q) if q is not None else None
    if q is None or head is None:
        return
    given = [(a, v) for a, v in args if a.keyword is not None and a.keyword.value == "labels"]
    if not given:  # (a labels= keyword wins: the dict cannot hold the key then)
        given = [
            (a, v.items[v.keys.index("labels")])
            for a, v in args
            if a.star == "**" and v.kind == Kind.ENCODING and "labels" in v.keys
        ]
    if given:
        arg, labels = given[0]
        name = q.rsplit(".", 1)[-1]
        obs = LossObs(name, q, arg, labels, module, scope.no_grad == 0, head)
        scope.w.facts.loss_targets.add(node, obs, scope.depth)


# The LossObs head of a torchvision detector's targets (``DETECTION_BUILDERS``).
DETECTION_HEAD = "detection"


def detection_targets(
    scope: Scope, node: cst.Call, module: Value, args: list[tuple[cst.Arg, Value]]
) -> None:
    """``model(images, targets)`` of a torchvision detection model, with targets a
    list of dicts whose ``labels`` entry the walk knows: recorded as a loss target
    (the model as the input)."""
    q = _maker(scope, module) or ""
    positional = [(a, v) for a, v in args if a.keyword is None and not a.star]
    if not q.startswith(DETECTION_BUILDERS) or len(positional) != 2:
        return
    arg, targets = positional[1]
    target = targets.items[0] if targets.kind in (Kind.LIST, Kind.TUPLE) and targets.items else None
    if target is None or target.kind != Kind.ENCODING or "labels" not in target.keys:
        return
    labels = target.items[target.keys.index("labels")]
    head = (DETECTION_HEAD, False)
    obs = LossObs(q.rsplit(".", 1)[-1], q, arg, labels, module, scope.no_grad == 0, head)
    scope.w.facts.loss_targets.add(node, obs, scope.depth)


def _maker(scope: Scope, module: Value, through_loader: bool = False) -> str | None:
    """The qualified name of the call that made ``module`` (with ``through_loader``,
    the class of ``Cls.from_pretrained(...)``), where the walk saw it made."""
    made = module.last("create") if module.kind in (Kind.MODULE, Kind.WRAPPER) else None
    if made is None or not isinstance(made.node, cst.Call):
        return None
    func = made.node.func
    if through_loader and loaded(made.node) and isinstance(func, cst.Attribute):
        func = func.value
    return scope.w.analysis.qualify(func)


# The origin of what ``torch.load(f, map_location="cpu")`` unpickles: an object of a
# kind not known yet, every tensor of it on the CPU (``unpickled_module``).
UNPICKLED_ON_CPU = "torch.load:cpu"
# The methods only a module has: an object they are called on is one.
_MODULE_ONLY_METHODS = frozenset({"parameters", "named_parameters"})


def checkpoint(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``torch.load(f, map_location="cpu")``: whatever was pickled, with every tensor
    (a whole module's parameters too) on the CPU; without a ``map_location`` that
    names the CPU, not known."""
    scope.escape_args(args)
    where = next(
        (
            a.value
            for i, (a, _) in enumerate(args)
            if (a.keyword is None and not a.star and i == 1)
            or (a.keyword is not None and a.keyword.value == "map_location")
        ),
        None,
    )
    if where is None or scope.device_of(where)[0] != Place.CPU:
        return UNKNOWN
    return Value(None, events=(Event("create", node),), origin=UNPICKLED_ON_CPU)


def unpickled_module(value: Value, method: str) -> Value | None:
    """What ``torch.load(f, map_location="cpu")`` gave, when the code calls a method
    only an ``nn.Module`` has on it (``model.parameters()``): a whole pickled module,
    on the CPU. None for anything else."""
    if value.kind is not None or value.origin != UNPICKLED_ON_CPU or not value.events:
        return None
    if method not in _MODULE_ONLY_METHODS:
        return None
    module = new_value(Kind.MODULE, Place.CPU, None, value.events[0])
    return replace(module, origin="torch.load")


def script_module(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``torch.jit.load(path, map_location=device)``: a module (its weights in the
    dtype it was saved in) where ``map_location`` puts it; without one, wherever it
    was saved from (not known here). ``clip.load(name, device=device)``: the model
    there (in float16 on a GPU: its own ``encode_image`` casts what it is given),
    and its preprocessing; without a device, whichever the machine has."""
    scope.escape_args(args)
    keyword = "device" if q in CLIP_LOADERS or q == WHISPER_LOADER else "map_location"
    where = next(
        (
            a.value
            for i, (a, _) in enumerate(args)
            if (a.keyword is None and i == 1)
            or (a.keyword is not None and a.keyword.value == keyword)
        ),
        None,
    )
    device, expr = scope.device_of(where) if where is not None else (None, None)
    if where is None or device is None:
        return UNKNOWN
    made = Event("create", node)
    moved = () if device == Place.CPU else (Event("move", node, device),)
    dtype = "float32" if q == WHISPER_LOADER else None
    if q in CLIP_LOADERS and device in (Place.CPU, Place.CUDA):
        # (float16 on a GPU, as CLIP builds it; ``.float()`` on the CPU)
        dtype = "float16" if device == Place.CUDA else "float32"
    module = new_value(Kind.MODULE, device, dtype, made, device_expr=expr)
    module = replace(module, events=(made, *moved), origin=q)
    if moved:  # (loaded onto a device that falls back to the CPU: TL106, TL212)
        cpu_run.record_move(scope, node, where, module)
    return Value(Kind.TUPLE, items=(module, UNKNOWN)) if q in CLIP_LOADERS else module


def whisper_features(
    scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]
) -> Value:
    """``whisper.log_mel_spectrogram(audio)``: float32 features, where the audio is
    (an array: the CPU; a tensor: its device) unless ``device=`` says."""
    scope.escape_args(args)
    given = args[0][1] if args and args[0][0].keyword is None else UNKNOWN
    device = Place.CPU if given.kind == Kind.NDARRAY else None
    device = given.device if given.kind == Kind.TENSOR else device
    if any(a.keyword is not None and a.keyword.value == "device" for a, _ in args):
        device = None
    return new_value(Kind.TENSOR, device, "float32", Event("create", node))


def open_clip_model(
    scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]
) -> Value:
    """``open_clip.create_model_and_transforms(arch, pretrained=...)``: a float32 model
    on the CPU (its ``encode_image`` computes in the model's dtype, casting nothing),
    with the image transforms that make float32 CPU tensors. Where ``device=``,
    ``precision=`` or ``**kwargs`` may say otherwise, the model is not known."""
    scope.escape_args(args)
    said = any(
        a.star or (a.keyword is not None and a.keyword.value in ("device", "precision"))
        for a, _ in args
    )
    made = Event("create", node)
    model = (
        UNKNOWN if said else replace(new_value(Kind.MODULE, Place.CPU, "float32", made), origin=q)
    )
    transforms = OPEN_CLIP_BUILDERS[q]
    if not transforms:
        return model
    return Value(Kind.TUPLE, items=(model, *(arrays.image_transform() for _ in range(transforms))))
