"""What library calls do to values: casts and moves, ``nn`` modules, parallel
wrappers, model loaders, DataLoaders and losses (torch's factories in
``tensor_factories.py``, numpy's calls in ``arrays.py``, PyTorch Geometric's graphs in
``graphs.py``), each as the value a call makes (or changes in place), with the
tables of names behind them.
The walker (``expressions.py``) hands each call of a qualified name to
``library_call``, each method of a module or tensor to ``module_method`` or
``tensor_method``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import libcst as cst

from torchlint.analysis import (
    arrays,
    binary,
    config_files,
    copies,
    cpu_run,
    datasets,
    derived,
    dicts,
    dims,
    engines,
    frames,
    gpus,
    graphs,
    half_ops,
    holders,
    indices,
    joins,
    legacy,
    loaders,
    losses,
    modes,
    monai_api,
    offload,
    op_results,
    optimizers,
    parts,
    scalers,
    schedulers,
    strict_ops,
    tensor_factories,
    traces,
    wrappers,
)
from torchlint.analysis.array_api import (
    MATH_FLOAT_FUNCTIONS,
    OPENCV_VIDEO_READER,
    PIL_OPENERS,
    SKIMAGE_TO_FLOAT,
    SKLEARN_SCALERS,
    SOUNDFILE_READERS,
    TORCHAUDIO_KEEPS,
    TORCHAUDIO_LOAD,
    array_library_function,
)
from torchlint.analysis.audio_api import AUDIO_MATRICES, TORCHAUDIO_TRANSFORMS
from torchlint.analysis.facts import ClassFacts
from torchlint.analysis.loss_api import LOSSES, RECORDED_LOSSES, functional_loss
from torchlint.analysis.names import dotted
from torchlint.analysis.scope import Scope
from torchlint.analysis.shape_api import SIZE_QUERIES
from torchlint.analysis.torch_api import (
    ARITHMETIC_METHODS,
    CATEGORICAL,
    CAUSAL_MASK_FACTORIES,
    CLIP_LOADERS,
    COPY_FUNCTIONS,
    DTYPES,
    FORWARD_LIKE,
    GRAD_NORMS,
    IN_PLACE_CONVERTERS,
    MODEL_LOADERS,
    MODULE_CONTAINERS,
    NEW_TENSOR_METHODS,
    OPEN_CLIP_BUILDERS,
    OPENCV_IMAGE_READER,
    PAD_SEQUENCE,
    PARAMETER_CLASSES,
    PARAMETRIZED_MODULES,
    PART_GETTERS,
    SAME_PLACE_OPS,
    SCRIPT_LOADERS,
    SPARSE_CONSTRUCTORS,
    STRICT_DTYPE_OPS,
    TENSOR_CLASS,
    TORCHVISION_IMAGE_READERS,
    TORCHVISION_VIDEO_READER,
    WHISPER_FEATURES,
    WHISPER_LOADER,
    LegacyType,
    is_nn_class,
    legacy_constructor,
    legacy_type,
    makes_module,
)
from torchlint.analysis.traces import TRACING_FUNCTIONS
from torchlint.analysis.values import (
    LIBRARY,
    MAYBE_DTYPE,
    OUTPUT,
    PARAMETER,
    PYG_GRAPH,
    UNKNOWN,
    Event,
    Kind,
    Place,
    Value,
    new_ident,
    new_value,
    state_dict,
    submodule,
)
from torchlint.analysis.walk import runs_itself
from torchlint.analysis.whole import after_cast
from torchlint.lint.traverse import nodes

# Methods that cast a module or a tensor, and those only a tensor has (a module
# cannot be cast to an integer dtype): the dtype they cast to.
CAST_METHODS = {m: DTYPES[m] for m in ("half", "bfloat16", "float", "double")}
TENSOR_ONLY_CASTS = {**{m: DTYPES[m] for m in ("long", "int", "bool", "short")}, "byte": "uint8"}
TENSOR_ONLY_CASTS["char"] = "int8"
# Tensor methods that return a moved or cast copy (the tensor itself stays): as a
# statement, or rebound to a loop's name nothing reads, the copy is lost (TL205).
TENSOR_COPIES = frozenset({"to", "cuda", "cpu", *CAST_METHODS, *TENSOR_ONLY_CASTS})
_MODULE_PLUMBING = frozenset(  # methods that neither run the module nor place it
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
# The methods of ``nn.ModuleList`` / ``nn.ModuleDict`` (and their subclasses) that
# put modules in: they run nothing.
_CONTAINER_FILLS = frozenset({"append", "extend", "insert", "update"})
_PEFT_WRAPPERS = frozenset(
    "peft.get_peft_model peft.PeftModel.from_pretrained peft.mapping.get_peft_model "
    "peft.PeftModelForCausalLM.from_pretrained peft.prepare_model_for_kbit_training".split()
)
_PARALLEL = {
    "torch.nn.DataParallel": "DataParallel",
    "torch.nn.parallel.DataParallel": "DataParallel",
    "torch.nn.parallel.DistributedDataParallel": "DistributedDataParallel",
    "torch.nn.parallel.distributed.DistributedDataParallel": "DistributedDataParallel",
    "torch.distributed.fsdp.FullyShardedDataParallel": "FullyShardedDataParallel",
    "torch.distributed.fsdp.fully_sharded_data_parallel.FullyShardedDataParallel": "FullyShardedDataParallel",
}

# Inherited methods that run a module (``encode_image``), unlike ``self.encoder``.
_RUNS = tuple(f"{p}_" for p in FORWARD_LIKE)
# Builtins that cannot move or cast what they are given.
INERT_BUILTINS = frozenset(
    "setattr getattr hasattr delattr isinstance issubclass len print repr str id type".split()
)
# (``pad_sequence`` stacks a list of sequences, padded: a batch where and as they are)
_JOINS = frozenset({"torch.cat", "torch.concat", "torch.concatenate", "torch.stack", PAD_SEQUENCE})
_PRODUCTS = frozenset(
    {"torch.einsum", "torch.functional.einsum", "torch.outer", "torch.ger", "torch.kron"}
)
# Wrappers a loop goes through to reach a loader's batches.
ITERATE_THROUGH = frozenset({"tqdm", "tqdm.tqdm", "tqdm.auto.tqdm", "tqdm.notebook.tqdm"})


def _same_place(q: str) -> bool:
    """``torch.sigmoid``, ``torch.nn.functional.interpolate``, ``torch.linalg.inv``:
    functions whose result is where (and, but for argmax/argmin, as) their input."""
    head, _, last = q.rpartition(".")
    return (
        head in ("torch", "torch.nn.functional", "torch.linalg") and last in SAME_PLACE_OPS
    ) or q in TORCHAUDIO_KEEPS  # (torchaudio.functional.resample(wav, sr, 16000))


def module_method(
    scope: Scope,
    node: cst.Call,
    path: str | None,
    receiver: Value,
    method: str,
    args: list[tuple[cst.Arg, Value]],
) -> Value:
    """``model.<method>(...)``: a move or cast (in place, for every name of the
    module), plumbing that runs nothing, a method of a module class of the file
    (walked), or else a run of the module (observed as a call)."""
    events = receiver.events
    new = receiver
    if (
        method in ("to", "cuda", "cpu", "to_empty")
        or method in CAST_METHODS
        or (method == "type" and args)
    ):
        if method == "to" or method == "to_empty":
            (device, expr), dtype = scope.to_args(node)
        elif method == "cuda":
            device, expr, dtype = Place.CUDA, (node.args[0].value if node.args else None), None
        elif method == "cpu":
            device, expr, dtype = Place.CPU, None, None
        elif method == "type" and (named := _legacy_type_arg(scope, node.args[0].value)):
            # model.type(torch.cuda.FloatTensor): every parameter cast and moved there
            device, expr, dtype = Place(named.device), None, named.dtype
        elif method == "type":
            device, expr, dtype = None, None, scope.dtype_of(node.args[0].value) or MAYBE_DTYPE
        else:
            device, expr, dtype = None, None, CAST_METHODS[method]
        if dtype is not None:
            chosen = scope.dtype_chosen(node) if dtype == MAYBE_DTYPE else None
            where, detail = (chosen.node, chosen.detail) if chosen else (node, dtype)
            # (a dtype the caller handed down, ``def load(dtype): ... .to(dtype)``:
            # decided where it was passed)
            handed = None if chosen else scope.dtype_handed(node)
            events += (
                Event("cast", where, detail, path or "", frozenset(scope.env), source=handed),
            )
            new = replace(new, dtype=dtype)
        if device is not None:
            events += (Event("move", node, device, path or ""),)
            new = replace(new, device=device, device_expr=expr)
            wrappers.placed(scope, receiver)
            gpus.record_move(scope, node, method, device, expr, module=True)
            cpu_run.record_move(scope, node, expr, receiver)
        new = replace(new, events=events)
        if path is not None and device not in (None, Place.CPU, Place.MAYBE):
            scope.rescued(path)  # (model.fc = nn.Linear(...); model.fc.to(device))
        if path is not None and receiver.ident == 0:
            # A part moved on its own (model.vpm.to(device), or dit.to(device)
            # after dit = pipe.transformer): the part changes, and where the whole
            # is becomes unknown, since nothing tells whether every part that runs
            # was moved.
            if device is not None and receiver.part_of:
                root = next((v for v in scope.env.values() if v.ident == receiver.part_of), None)
                if root is not None:
                    scope.update_ident(receiver.part_of, replace(root, device=Place.MAYBE))
            if dtype is not None:
                scope.part_cast(path, receiver, dtype, new.last("cast"))
            scope.set(path, replace(new, ident=new_ident()))
        elif receiver.ident:
            if dtype is not None:
                scope.part_cast(path, receiver, dtype, new.last("cast"))
            scope.update_ident(receiver.ident, new)
        if device is not None and device not in (Place.CPU, Place.MAYBE):
            scope.gpu_evidence = scope.gpu_evidence or events[-1]
            if receiver.ident:
                optimizers.left_behind(scope, receiver.ident, events[-1])
        if device is not None and receiver.ident:
            copies.moved(scope, receiver.ident, events[-1])
        return new
    if method == "apply" and _applies_move(scope, args):
        # model.apply(lambda m: m.to(device)): every part moved or cast, somewhere
        moved = replace(receiver, device=Place.MAYBE, dtype=MAYBE_DTYPE)
        if receiver.ident:
            scope.update_ident(receiver.ident, moved)
        return moved
    if method in offload.OFFLOADERS and receiver.ident:
        return offload.offloaded(scope, receiver, node)
    if method in ("eval", "train"):
        modes.training_mode(scope, receiver, node)
        return receiver  # it returns the module itself
    if method in ("requires_grad_", "apply"):
        return receiver  # these return the module itself
    if method == "parameters" and (receiver.ident or receiver.part_of):
        return optimizers.parameters(receiver)
    if method in PART_GETTERS:
        return submodule(receiver)  # model.get_vision_tower(): a part, not an output
    if method.startswith("get_") and not args and method not in _MODULE_PLUMBING:
        return UNKNOWN  # model.get_memory_footprint(): no input, no run
    if method == "state_dict" and (receiver.ident or receiver.part_of) and not node.args:
        return state_dict(receiver)
    if method in _MODULE_PLUMBING:
        return UNKNOWN
    if (
        method in _CONTAINER_FILLS
        and not _own_method(scope, path, receiver, method)
        and not (method == "update" and path and receiver.origin.startswith("torchmetrics."))
    ):  # (metric.update(preds, target) runs the metric, as calling it does)
        # ensemble.append(ckpt.to(device)): a container holds what it is given, where
        # it is; the container is no longer surely where it was made
        given = [v for _, v in args]
        if receiver.ident and any(v.device != receiver.device for v in given):
            scope.update_ident(receiver.ident, replace(receiver, device=Place.MAYBE))
        return UNKNOWN
    if receiver.ident == 0 and path is not None and "." in path:
        receiver = parts.part_instance(scope, path, receiver, method)
    if receiver.ident == 0 and receiver.part_of and receiver.origin in scope.w.module_classes:
        receiver = parts.held_part(scope, receiver, method)
    if receiver.ident == 0 and not method.startswith(FORWARD_LIKE):
        return UNKNOWN  # a method of a part (pipe.image_processor.postprocess, ...)
    if receiver.origin.startswith("local:") and method != "forward":
        # A method of a module class of the file: its body says what it does.
        cls, known = _instance_class(scope, path, receiver)
        if cls is not None and method in scope.w.methods(cls):
            # vae.decode(z) runs its layers on z: a call of the module, as vae(z) is
            # (walked as a method: what its body does to the caller's values, and its
            # own findings, stay there)
            result = None
            if known:
                # (what it runs, it runs where the module is: gpus.running)
                with gpus.running(
                    scope, node, f"{path}.{method}" if path else method, receiver, args
                ):
                    result = scope.method_of(receiver, method, node, args)
            if result is None:  # (not followed: too deep) what it does is not known
                scope.escape_args(args)
            elif runs_itself(scope.w.methods(cls), method):
                label = f"{path}.{method}" if path else method
                scope.observe_call(node, label, receiver, args, True)
            return UNKNOWN if result is None else result
        if cls is not None and not (method in FORWARD_LIKE or method.startswith(_RUNS)):
            receiver = submodule(receiver)  # self.encoder(x): an attribute it holds, called
    engine = receiver.last("wrap")
    if engine is not None and engines.plumbing(engine, method):
        return UNKNOWN  # engine.backward(loss), engine.step(): the engine's training steps
    # Anything else on a module runs it: forward, generate, forward_features, ...
    scope.observe_call(node, f"{path}.{method}" if path else method, receiver, args)
    made = new_value(Kind.TENSOR, receiver.device if receiver.placed else None, receiver.dtype)
    return replace(
        made,
        # (what other methods return is less sure to be an output of the weights)
        origin=OUTPUT if method.startswith(FORWARD_LIKE) else "module method",
        events=holders.ran(receiver),
    )


def _instance_class(
    scope: Scope, path: str | None, receiver: Value
) -> tuple[ClassFacts | None, tuple[ClassFacts, dict[str, Value]] | None]:
    """The module class of the file ``receiver`` is an instance of (``self`` in its
    own methods), and what the walk knows of that instance (None when it knows
    nothing: a class named, not built here)."""
    if not receiver.origin.startswith("local:"):
        return None, None
    w = scope.w
    known = w.objects.get(receiver.ident) if path == "self" else w.instance(receiver)
    cls = known[0] if known is not None else scope.cls if path == "self" else None
    return cls, known


def _own_method(scope: Scope, path: str | None, receiver: Value, method: str) -> bool:
    """``method`` is one the receiver's module class of the file defines itself
    (``algorithm.update(batches)`` of a trainer module), not a container's."""
    cls, _ = _instance_class(scope, path, receiver)
    return cls is not None and method in scope.w.methods(cls)


def _legacy_type_arg(scope: Scope, node: cst.BaseExpression) -> LegacyType | None:
    """The legacy tensor type ``.type(T)`` is given: ``torch.cuda.FloatTensor`` as
    written, or a name bound to one (``dtype = torch.cuda.FloatTensor if
    torch.cuda.is_available() else torch.FloatTensor``: the GPU run's choice)."""
    named = legacy_type(node, scope.w.analysis)
    held = scope.lookup(dotted(node) or "") if named is None else None
    if held is not None and held.kind == Kind.FUNCTION and held.origin.startswith(LIBRARY):
        return legacy_constructor(held.origin.removeprefix(LIBRARY))
    return named


def tensor_method(scope: Scope, node: cst.Call, receiver: Value, method: str) -> Value:
    """``x.<method>(...)``: a moved or cast copy of ``x`` (in place for a
    BatchEncoding's ``.to``), a numpy conversion, or a new tensor where ``x`` is."""
    if (
        method == "to"
        or method in ("cuda", "cpu")
        or method in CAST_METHODS
        or (method in TENSOR_ONLY_CASTS)
        or (method == "type" and node.args)
    ):
        if method == "to":
            (device, expr), dtype = scope.to_args(node)
        elif method == "cuda":
            device, expr, dtype = Place.CUDA, None, None
        elif method == "cpu":
            device, expr, dtype = Place.CPU, None, None
        elif method == "type":
            named = _legacy_type_arg(scope, node.args[0].value)
            device = Place(named.device) if named else None
            expr, dtype = None, (named.dtype if named else scope.dtype_of(node.args[0].value))
            if named is None and dtype is None:  # x.type(T): a dtype, or a CUDA class?
                return Value(receiver.kind, Place.MAYBE, MAYBE_DTYPE, ident=new_ident())
        else:
            device, expr = None, None
            dtype = CAST_METHODS.get(method) or TENSOR_ONLY_CASTS.get(method)
        events = receiver.events
        chosen = scope.dtype_chosen(node) if dtype == MAYBE_DTYPE else None
        if chosen is not None:
            events += (chosen,)  # (an option's choice: half on that branch)
        elif dtype is not None:
            events += (Event("cast", node, dtype, source=scope.cast_source(node)),)
        whole, one_hot = after_cast(receiver, dtype, events[-1] if dtype else None)
        if device is not None:
            events += (Event("move", node, device),)
            gpus.record_move(scope, node, method, device, expr)
            cpu_run.record_move(scope, node, expr, None)  # (a loss runs where it is: TL212)
        moved = Value(
            receiver.kind,
            device if device is not None else receiver.device,
            dtype if dtype is not None else receiver.dtype,
            expr if device is not None else receiver.device_expr,
            events,
            new_ident(),
            receiver.ident,
            whole=whole,
            one_hot=one_hot,
        )
        moved = derived.derive(scope, moved, receiver, node) if device is None else moved
        if graphs.is_graph(receiver):
            # (a graph's .to() moves each of its entries; it stays a graph)
            entries = tuple(
                tensor_method(scope, node, v, method) if v.kind in _WITH_ENTRIES else v
                for v in receiver.items
            )
            moved = replace(moved, origin=PYG_GRAPH, keys=receiver.keys, items=entries)
        if receiver.kind == Kind.ENCODING and method == "to":
            # BatchEncoding.to() moves in place and returns itself (a processor's
            # output still: its fields keep their dtypes).
            moved = replace(moved, ident=receiver.ident, origin=receiver.origin)
            scope.update_ident(receiver.ident, moved)
            return moved
        if device not in (None, Place.CPU, Place.MAYBE):
            scope.gpu_evidence = scope.gpu_evidence or events[-1]
        return dims.mark(moved, dims.has(receiver))
    if method == "numpy" and receiver.kind in (Kind.TENSOR, Kind.MOVED):
        scope.w.facts.to_numpy.add(node, receiver, scope.depth)
        return new_value(Kind.NDARRAY, Place.CPU, receiver.dtype)
    copied = copies.copy_of(scope, node, receiver) if method == "clone" else None
    if copied is not None:
        return copied
    if method in SIZE_QUERIES and (method != "size" or node.args):
        return Value(Kind.NUMBER, dtype="int64")  # x.size(0), x.numel(): an int
    if method in NEW_TENSOR_METHODS and any(
        a.keyword and a.keyword.value == "device" for a in node.args
    ):
        return UNKNOWN  # (x.new_zeros(n, device=d): where d says)
    if method in SAME_PLACE_OPS or method == "__getitem__":
        made = op_results.same_place(scope, node, receiver, method)
        return dims.mark(made, dims.op(method, node.args, [receiver]))
    if method.endswith("_") and not method.startswith("_") and receiver.kind == Kind.TENSOR:
        return receiver  # labels.scatter_(1, idx, 1.0): in place, the tensor itself
    return UNKNOWN


# ------------------------------------------------------------ calls of qualified names
Args = list[tuple[cst.Arg, Value]]
Handler = Callable[[Scope, cst.Call, str, Args], Value]


def library_call(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """What the call ``node`` of the qualified name ``q`` makes, with ``args`` (each
    argument and its value) already evaluated: by the name itself (``_BY_NAME``),
    else by the first of ``_BY_PATTERN`` that matches it; anything else is a call
    torchlint cannot see, which may change the modules it is given."""
    indices.function(scope, node, q, args)  # (an index of torch.gather, F.one_hot, ...)
    half_ops.observe(scope, node, q, args)  # (torch.cdist of float16 on the CPU)
    handler = _BY_NAME.get(q)
    if handler is None:
        handler = next((h for matches, h in _BY_PATTERN if matches(q)), _unseen)
    return handler(scope, node, q, args)


def _traced(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``torch.jit.trace(model, x)``: runs ``model(x)``, and leaves the model where it
    is; what it makes (a traced module, an export) is not followed."""
    if not traces.traced(scope, node, args):
        return _unseen(scope, node, q, args)
    return UNKNOWN


def _unseen(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    if q in IN_PLACE_CONVERTERS and args and args[0][1].kind == Kind.MODULE:
        return args[0][1]  # model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
    scope.escape_args(args)
    return UNKNOWN


def _grid_sample(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``F.grid_sample(input, grid)``: the two meet (``joins.sampled``); what it makes
    is not followed."""
    joins.sampled(scope, node, args)
    return _unseen(scope, node, q, args)


def _attention(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``F.scaled_dot_product_attention(q, k, v, attn_mask=m)``: they meet
    (``joins.attended``); what it makes is not followed."""
    joins.attended(scope, node, args)
    return _unseen(scope, node, q, args)


def _math_float(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``math.log(x)``, ``math.sqrt(d)``: a Python float (float32 to torch)."""
    return Value(Kind.NUMBER, dtype="float32")


def _copy(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``copy.deepcopy(p)``, ``torch.clone(p)``: a copy of a module's parameters."""
    copied = copies.copy_of(scope, node, args[0][1]) if len(args) == 1 else None
    if copied is None and q == "torch.clone":
        return _same_place_call(scope, node, q, args)
    if copied is None and len(args) == 1 and args[0][1].kind in (Kind.MODULE, Kind.WRAPPER):
        # copy.deepcopy(model): another module, where and as the original is now
        return replace(args[0][1], ident=new_ident(), part_of=0, moved_from=0)
    return copied or _unseen(scope, node, q, args)


def _extreme(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``torch.min(a, b)`` of two tensors (``torch.maximum`` too): elementwise, they
    meet as in ``a + b``; ``torch.max(x)``, ``torch.max(x, 1)``: a reduction."""
    pair = [(a.value, v) for a, v in args if a.keyword is None and not a.star]
    if (
        len(pair) == 2
        and len(args) == 2
        and all(v.kind in (Kind.TENSOR, Kind.MOVED) for _, v in pair)
    ):
        return joins.arithmetic(scope, node, pair)
    return _same_place_call(scope, node, q, args)


def _parameter(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    inner = args[0][1] if args else UNKNOWN
    if inner.kind != Kind.TENSOR:
        return UNKNOWN
    # A parameter moves with its module (``holders.instance_attrs``).
    return replace(inner, kind=Kind.TENSOR, origin=PARAMETER)


def _nn_class(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    if "." in q[len("torch.nn.") :] and not q.startswith("torch.nn.modules."):
        # torch.nn.SyncBatchNorm.convert_sync_batchnorm, torch.nn.utils...: these
        # keep the original parameters (already placed), so nothing new.
        scope.escape_args(args)
        return UNKNOWN
    # Parameter-free modules (losses, activations, pooling) compute in the dtype they get.
    last = q.rsplit(".", 1)[-1]
    dtype = "float32" if last.startswith((*PARAMETRIZED_MODULES, "Sequential")) else None
    if scope.w.analysis.default_dtype is not None:
        dtype = None  # torch.set_default_dtype(...): parameters are made in that dtype
    if dtype is None and q in LOSSES:
        dtype = copies.cpu_weight_dtype(args)  # CrossEntropyLoss(weight=w): w its buffer
    device, expr = scope.made_on()
    for arg, _ in args:  # nn.Linear(..., device=..., dtype=...)
        if arg.star == "**":  # nn.Linear(..., **factory): may say where, and as what
            device, dtype, expr = Place.MAYBE, MAYBE_DTYPE, None
        elif arg.keyword is not None and arg.keyword.value == "dtype":
            dtype = scope.dtype_of(arg.value) or MAYBE_DTYPE
        elif arg.keyword is not None and arg.keyword.value == "device":
            device, expr = scope.device_of(arg.value)
            device, expr = device or Place.VAR, expr or arg.value
            gpus.record(scope, node, gpus.classify(scope, arg.value))
    created = Event("create", node, bound=frozenset(scope.env))
    module = new_value(Kind.MODULE, device, dtype, created, device_expr=expr)
    copies.registered(scope, q, module, args)  # CrossEntropyLoss(weight=w): w its buffer
    weight = losses.weight_argument(q, node)
    held = next((v for a, v in args if a is weight), None)
    if held is not None and held.kind == Kind.TENSOR:
        module = replace(module, items=(held,))  # (its dtype: ``loss``)
    if last in MODULE_CONTAINERS:
        # nn.Sequential(*list(model.children())[:-1]): a container of modules that
        # exist already is where they are.
        members = [
            v.items[0] if v.kind == Kind.LIST and v.items else v
            for a, v in args
            if a.keyword is None
        ]
        if any(m.kind in (Kind.MODULE, Kind.WRAPPER) and m.device != Place.CPU for m in members):
            first = next(m for m in members if m.kind in (Kind.MODULE, Kind.WRAPPER))
            same = all(m.device == first.device for m in members)
            return replace(
                first,
                kind=Kind.MODULE,
                device=first.device if same else Place.MAYBE,
                ident=new_ident(),
                part_of=0,
                origin=q,
            )
    if last == "Sequential" and args and args[0][0].keyword is None:
        spread = holders.spread_members(args)
        if spread:
            first = spread[0]
        else:
            first = holders.first_child(args[0]) if args[0][0].star else args[0][1]
        if first.kind == Kind.MODULE:
            # What its first member is (of a Sequential of blocks: the first block's first
            # layer) says what input it takes (``takes_float_input``); a member of the
            # file's classes after torch.nn layers runs on their output.
            layers = spread is not None and first.origin.startswith("torch.nn.")
            later = holders.local_after_layers(spread) if spread and layers else ()
            inner = first.items[:1] if first.origin.endswith("Sequential") else ()
            return replace(module, origin=q, items=(replace(first, items=inner), *later))
    if last in ("ModuleList", "ModuleDict") and len(args) == 1 and args[0][0].keyword is None:
        return holders.module_list(module, q, args[0][1], keyed=last == "ModuleDict")
    return replace(module, origin=q)


def _parallel(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    return wrappers.parallel(scope, node, _PARALLEL[q], args)


def _is_peft_loader(q: str) -> bool:
    return q.endswith(".from_pretrained") and q.startswith("peft.")


def _peft(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    wrapped_value = next((v for a, v in args if v.kind in (Kind.MODULE, Kind.WRAPPER)), None)
    if wrapped_value is not None:
        inner = wrapped_value
        wrapped = replace(
            inner,
            kind=Kind.WRAPPER,
            events=inner.events + (Event("wrap", node, q.rsplit(".", 1)[-1]),),
        )
        scope.update_ident(inner.ident, wrapped)
        return wrapped
    return UNKNOWN


def _is_model_loader(q: str) -> bool:
    return q.rsplit(".", 1)[-1] in MODEL_LOADERS


def _model_loader(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    return loaders.from_pretrained(scope, node, node.func)


def _new_model(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``timm.create_model(...)``, ``GPT2LMHeadModel(config)``: on the CPU (or the
    device of an enclosing ``with torch.device(d):``), in float32."""
    device, expr = scope.made_on()
    created = Event("create", node, bound=frozenset(scope.env))
    made = new_value(Kind.MODULE, device, "float32", created, device_expr=expr)
    return replace(made, origin=q)


def _device(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    kind, expr = scope.device_of(node)
    gpus.record(scope, node, gpus.classify(scope, node, strict=True))
    return cpu_run.mark(scope, node, Value(Kind.DEVICE, kind, None, expr))


def _settings_file(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    scope.escape_args(args)
    return config_files.loaded()  # yaml.safe_load(fh): the user's settings


def _set_device(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    scope.gpu_evidence = scope.gpu_evidence or Event("move", node, "set_device")
    return UNKNOWN


def _categorical(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``Categorical(logits=x)``: held as the class indices ``.sample()`` draws (a
    same-place op), where (int64) and with the dimensions of ``x``."""
    given = next((v for a, v in args if v.kind == Kind.TENSOR), None)
    if given is None:
        return _unseen(scope, node, q, args)
    return replace(given, dtype="int64", ident=new_ident(), moved_from=0)


def _normal(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``torch.normal(mean, std, size=..., device=d)``: drawn on ``d``. Without
    ``device=`` it is where tensor means are, or on the CPU: not known here."""
    if not any(a.keyword is not None and a.keyword.value == "device" for a, _ in args):
        return _unseen(scope, node, q, args)
    return tensor_factories.factory(scope, node, "normal", args)


def _same_place_call(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    if args and args[0][1].kind in (Kind.TENSOR, Kind.MOVED):
        # torch.sigmoid(x), F.softmax(x): a new tensor where x is (what was moved
        # and is handed to one of these is a tensor: ``F.pad(audio.to(device), ...)``)
        op = q.rsplit(".", 1)[-1]
        given = replace(args[0][1], kind=Kind.TENSOR)
        made = op_results.same_place(scope, node, given, op)
        return dims.mark(made, dims.op(op, node.args[1:], [given]))
    if q.endswith(".pow") and (powers := binary.power(args)) is not None:
        return powers  # torch.pow(decay, exponents)
    return _unseen(scope, node, q, args)


def _optimizer(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    made = optimizers.make(scope, node, q, args)
    if made is not None:
        return made
    if ".lr_scheduler." in q:
        return UNKNOWN  # a scheduler sets learning rates, never moves the state
    return _unseen(scope, node, q, args)


# A name listed here takes its handler whatever pattern it matches too
# (``torch.nn.Parameter`` makes no module, ``peft.PeftModel.from_pretrained`` wraps
# the model it is given rather than loading one). Loss classes are not here:
# ``torch.nn.CrossEntropyLoss()`` makes a module like any ``nn`` class, and calling
# that module is the loss (``Expressions.observe_call``).
_BY_NAME: dict[str, Handler] = {
    **dict.fromkeys(PARAMETER_CLASSES, _parameter),
    **dict.fromkeys(_PARALLEL, _parallel),
    **dict.fromkeys(_PEFT_WRAPPERS, _peft),
    "torch.device": _device,
    **dict.fromkeys(CAUSAL_MASK_FACTORIES, tensor_factories.causal_mask),
    "types.SimpleNamespace": dicts.namespace,
    "torch.cuda.set_device": _set_device,
    "deepspeed.initialize": engines.deepspeed_initialize,
    "apex.amp.initialize": engines.amp_initialize,
    **dict.fromkeys(MATH_FLOAT_FUNCTIONS, _math_float),
    **dict.fromkeys(_JOINS, joins.concatenation),
    **dict.fromkeys(_PRODUCTS, joins.product),
    "torch.where": joins.where,
    **{f"torch.{name}": binary.function for name in ARITHMETIC_METHODS},
    **dict.fromkeys(("torch.stft", "torch.istft"), joins.windowed),
    TENSOR_CLASS: legacy.tensor_class,
    **dict.fromkeys(("torch.max", "torch.min", "torch.maximum", "torch.minimum"), _extreme),
    "torch.normal": _normal,
    **dict.fromkeys(CATEGORICAL, _categorical),
    **dict.fromkeys(STRICT_DTYPE_OPS, strict_ops.call),
    **datasets.HANDLERS,
    **{q: losses.function for q in RECORDED_LOSSES if not is_nn_class(q)},
    **dict.fromkeys(TORCHVISION_IMAGE_READERS, arrays.image_reader),
    TORCHVISION_VIDEO_READER: arrays.video_reader,
    OPENCV_IMAGE_READER: arrays.imread,
    **dict.fromkeys(SOUNDFILE_READERS, arrays.soundfile_read),
    **dict.fromkeys(SCRIPT_LOADERS | CLIP_LOADERS | {WHISPER_LOADER}, loaders.script_module),
    **dict.fromkeys(("torch.load", "torch.serialization.load"), loaders.checkpoint),
    WHISPER_FEATURES: loaders.whisper_features,
    **dict.fromkeys(OPEN_CLIP_BUILDERS, loaders.open_clip_model),
    TORCHAUDIO_LOAD: arrays.torchaudio_load,
    OPENCV_VIDEO_READER: arrays.video_capture,
    **dict.fromkeys(SKLEARN_SCALERS, scalers.scaler),
    **dict.fromkeys(PIL_OPENERS, arrays.pil_open),
    **arrays.TORCHVISION_HANDLERS,
    **dict.fromkeys(arrays.CV2_KEEP_DTYPE, arrays.cv2_kept),
    **dict.fromkeys(SKIMAGE_TO_FLOAT, arrays.skimage_float),
    "torch.meshgrid": tensor_factories.meshgrid,
    **dict.fromkeys(SPARSE_CONSTRUCTORS, tensor_factories.sparse),
    **dict.fromkeys(AUDIO_MATRICES, tensor_factories.audio_matrix),
    **dict.fromkeys(GRAD_NORMS, optimizers.grad_norm),
    "torch.nn.functional.embedding": joins.embedding,
    "torch.nn.functional.grid_sample": _grid_sample,
    "torch.nn.functional.scaled_dot_product_attention": _attention,
    **dict.fromkeys(COPY_FUNCTIONS, _copy),
    "torch.functional.meshgrid": tensor_factories.meshgrid,
    "numpy.meshgrid": tensor_factories.meshgrid,
    "collections.deque": arrays.deque,
    **dict.fromkeys(config_files.CONFIG_LOADERS, _settings_file),
    **monai_api.HANDLERS,
    **graphs.HANDLERS,
    **dict.fromkeys(TRACING_FUNCTIONS, _traced),
}
# In order: the first that matches takes the call.
_BY_PATTERN: tuple[tuple[Callable[[str], bool], Handler], ...] = (
    (is_nn_class, _nn_class),
    (_is_peft_loader, _peft),
    (_is_model_loader, _model_loader),
    (makes_module, _new_model),
    (schedulers.makes, schedulers.made),
    (lambda q: q.startswith("torch.optim."), _optimizer),
    (tensor_factories.is_factory, tensor_factories.by_name),
    (lambda q: legacy_constructor(q) is not None, legacy.typed),
    (_same_place, _same_place_call),
    (lambda q: q.startswith("torchvision.datasets."), datasets.torchvision_dataset),
    (lambda q: q.startswith(TORCHAUDIO_TRANSFORMS), arrays.transform),
    (graphs.is_dataset, graphs.dataset),
    (lambda q: q.startswith("numpy."), arrays.numpy_call),
    (frames.builds, frames.built),
    (array_library_function, arrays.library_call),
    (functional_loss, losses.function),
)


_WITH_ENTRIES = frozenset({Kind.TENSOR, Kind.MOVED, Kind.ENCODING})
_MOVES_OR_CASTS = frozenset({"to", "cuda", "cpu", "type", *CAST_METHODS})


def _applies_move(scope: Scope, args: list[tuple[cst.Arg, Value]]) -> bool:
    """``model.apply(fn)`` where ``fn`` (a lambda, or a function of the file) moves or
    casts what it is given."""
    if not args:
        return False
    fn: cst.CSTNode | None = args[0][0].value
    if isinstance(fn, cst.Name):
        fn = scope.w.top_functions.get(fn.value)
    if not isinstance(fn, (cst.Lambda, cst.FunctionDef)):
        return False
    return any(
        isinstance(call.func, cst.Attribute) and call.func.attr.value in _MOVES_OR_CASTS
        for call in nodes(fn, cst.Call)
    )
