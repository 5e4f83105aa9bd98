"""The walker's expressions: what each expression evaluates to, and the calls in it.
A call of a library name goes to ``effects.py``; a call of a function or class of
the file is followed (its body walked with the call's arguments, up to a depth and
a budget); a module called records what it was called with (``CallObs``)."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint.analysis import (
    arrays,
    binary,
    conditionals,
    config_files,
    copies,
    cpu_run,
    datasets,
    derived,
    dicts,
    dims,
    effects,
    engines,
    float_only,
    frames,
    gpus,
    graphs,
    holders,
    indices,
    joins,
    legacy,
    lists,
    loaders,
    losses,
    numbers,
    optimizers,
    plots,
    properties,
    retype,
    scalers,
    schedulers,
    strict_ops,
    subscripts,
    traces,
)
from torchlint.analysis.array_api import MATH_CONSTANTS
from torchlint.analysis.function_values import FunctionValues
from torchlint.analysis.loops import same_members
from torchlint.analysis.loss_api import RECORDED_LOSSES
from torchlint.analysis.names import (
    attribute_name,
    dotted,
    entry_name,
    getattr_name,
    is_super,
    string_key,
    written_default,
)
from torchlint.analysis.observations import CallObs
from torchlint.analysis.order import innermost_function
from torchlint.analysis.torch_api import (
    ARITHMETIC_METHODS,
    FACTORY_FUNCTIONS,
    IN_PLACE_OPS,
    INDEX_METHODS,
    INTEGER_DTYPES,
    MASKED_METHODS,
    MODEL_LOADERS,
    SCATTERING_WRAPPERS,
    STRICT_DTYPE_METHODS,
    TENSOR_ALIASES,
    TOKENIZER_CALLS,
    TRUE_DIVISIONS,
    torch_dtype,
)
from torchlint.analysis.traces import TRACING_METHODS
from torchlint.analysis.values import (
    LAMBDA,
    NONE,
    TENSOR_CLASS_OF,
    TEXT,
    UNKNOWN,
    Event,
    Gpu,
    Kind,
    Place,
    Value,
    entry,
    flag,
    followed,
    member,
    new_ident,
    new_value,
    sequential_head,
    submodule,
    text_of,
)


class Expressions(FunctionValues):
    """A scope's expressions; the statements (``flow.py``) say ``body``, ``assign``
    and ``constant``."""

    def eval(self, node: cst.BaseExpression) -> Value:
        # (type(node) is X, not isinstance: LibCST's node classes are ABCs, and a
        # failed isinstance against one costs as much as a small function call.)
        if type(node) is cst.Call:
            return self.call(node)
        if type(node) is cst.IfExp:
            return conditionals.value(self, node)
        if type(node) is cst.SimpleString:
            device, expr = self.device_of(node)  # device = "cuda:0"
            if device:
                return Value(Kind.DEVICE, device, None, expr)
            text = node.evaluated_value  # precision="fp16"
            return Value(None, origin=TEXT + text) if isinstance(text, str) else UNKNOWN
        if type(node) is cst.Integer:  # real_label = 1: what torch.full(..., it) makes
            return Value(Kind.NUMBER, dtype="int64")
        if type(node) is cst.Float:
            return Value(Kind.NUMBER, dtype="float32")
        if type(node) is cst.Name and node.value in ("True", "False"):
            return flag(node.value)
        if type(node) is cst.Name and node.value == "None":
            return NONE
        if type(node) is cst.Name or type(node) is cst.Attribute:
            name = dotted(node)
            if name is not None:
                if type(node) is cst.Attribute and node.attr.value in ("device", "dtype"):
                    owner = self.lookup(dotted(node.value) or "")
                    if owner is not None and owner.kind in _WITH_PLACE:
                        if node.attr.value == "device":
                            return Value(Kind.DEVICE, owner.device, None, node)
                        return _dtype_of(owner, node)
                    held = self.env.get(name)
                    if held is None and owner is not None and owner.kind == Kind.OBJECT:
                        held = self.lookup(name) if node.attr.value == "dtype" else None
                    if held is not None and (held.dtype or held.kind == Kind.DEVICE):
                        return held  # self.dtype = torch.float16, self.device = torch.device(...)
                    if owner is not None and owner.kind == Kind.OPTIONS:
                        # (device = args.device: the user's option, kept as a choice
                        # wherever the name goes)
                        gpus.record(self, node, Gpu.CHOSEN)
                    if node.attr.value == "device":
                        return Value(Kind.DEVICE, Place.VAR, None, node)
                    return arrays.dtype_read(owner, node)  # a.dtype of an array: for np.zeros
                value = self.lookup(name)
                if type(node) is cst.Attribute and name not in self.env and self.cls is not None:
                    # (bound in the class body, MEAN = 0.9: no part of the module)
                    if (held := properties.class_attribute(self, node)).kind is not None:
                        return held
                if type(node) is cst.Attribute and name not in self.env and value is not None:
                    # model.norm.mean: a buffer of a module of the file
                    value = copies.buffer_reference(self, name, node) or value
                if type(node) is cst.Attribute and _guessed(node, name, value, self.env):
                    # self._execution_device, a @property; self.vae.scaling_factor
                    got = self.attribute(node)
                    if got is not None:
                        return got
                if value is not None:
                    return value
                if (passed := self.library_class(node)) is not None:
                    return passed  # optimizer_fn=torch.optim.Adagrad: called where used
                if type(node) is cst.Attribute:
                    dtype = torch_dtype(node, self.w.analysis)
                    if dtype is not None:
                        # (f(torch_dtype=torch.half); the line, where paths that name
                        # different dtypes meet: values.chosen_dtypes)
                        return Value(Kind.DTYPE, None, dtype, events=(Event("cast", node, dtype),))
                    if self.w.analysis.qualify(node) in MATH_CONSTANTS:
                        return Value(Kind.NUMBER, dtype="float32")  # math.pi * u
                    optimizers.touch(self, name)  # optimizer.state
                if type(node) is cst.Name and self.entry and (made := self.w.reference(name)):
                    return made  # metric=compute_metrics, load(Net)
                if type(node) is cst.Attribute:
                    owner = self.lookup(dotted(node.value) or "")
                    if owner is not None and (
                        counted := graphs.counted(owner, node) or schedulers.attribute(owner, node)
                    ):
                        return counted  # data.num_graphs: an int
                    if owner is not None and owner.kind == Kind.ENCODING and not owner.keys:
                        return loaders.field(owner, node.attr.value)  # enc.input_ids
                    if owner is not None and owner.kind == Kind.ENCODING:
                        return entry(owner, node.attr.value) or UNKNOWN  # namespace.pos
                    if owner is not None and dims.aliased(owner, node.attr.value):
                        return dims.alias(owner)  # x.data, a.T: x, where it is
                    if owner is not None and owner.kind == Kind.OPTIMIZER:
                        if node.attr.value == "param_groups":
                            return copies.param_groups(self, owner)
                    if owner is not None and frames.is_frame(owner):
                        return frames.attribute(owner, node)  # df.values
                return UNKNOWN
        if type(node) is cst.Attribute:  # on a call or subscript: tokenizer(...).input_ids
            owner = self.eval(node.value)
            if node.attr.value in ("device", "dtype") and owner.kind in (
                Kind.TENSOR,
                Kind.MODULE,
                Kind.WRAPPER,
            ):  # next(model.parameters()).device
                if node.attr.value == "device":
                    return Value(Kind.DEVICE, owner.device, None, node)
                return _dtype_of(owner, node)
            if node.attr.value == "dtype" and owner.kind == Kind.NDARRAY:
                return arrays.dtype_read(owner, node)  # np.full(n, 0, dtype=rows[0].dtype)
            if node.attr.value == "device" and owner.kind == Kind.OPTIONS:
                gpus.record(self, node, Gpu.CHOSEN)  # parser.parse_args().device, as args.device
                return Value(Kind.DEVICE, Place.VAR, None, node)
            if counted := graphs.counted(owner, node) or schedulers.attribute(owner, node):
                return counted
            if owner.kind == Kind.ENCODING and not owner.keys:
                return loaders.field(owner, node.attr.value)
            if owner.kind in (Kind.MODULE, Kind.WRAPPER):
                return member(owner, node.attr.value)
            if dims.aliased(owner, node.attr.value):
                return dims.alias(owner)  # model(x).logits, x[:, :3].T, df.to_numpy().T
            return frames.attribute(owner, node) if frames.is_frame(owner) else UNKNOWN
        if type(node) is cst.Subscript:
            return subscripts.read(self, node)
        if type(node) is cst.DictComp:
            return self.comprehension(node)
        if type(node) is cst.Dict:
            return dicts.literal(self, node) if node.elements else dicts.empty()
        if type(node) is cst.ListComp or type(node) is cst.GeneratorExp:
            return self.comprehension(node)
        if type(node) is cst.List and not node.elements:
            return Value(Kind.LIST)
        if (type(node) is cst.Tuple or type(node) is cst.List) and not any(
            isinstance(e, cst.StarredElement) for e in node.elements
        ):
            return Value(Kind.TUPLE, items=tuple(self.eval(e.value) for e in node.elements))
        if type(node) is cst.List:
            # [i, cls, *box.tolist(), conf]: where each member is is not written, but
            # what they are is (those of a starred list or tuple the walk knows, else
            # unknown)
            members: list[Value] = []
            for e in node.elements:
                value = self.eval(e.value)
                if not isinstance(e, cst.StarredElement):
                    members.append(value)
                elif value.kind in (Kind.LIST, Kind.TUPLE) and value.items:
                    members.extend(value.items)
                else:
                    members.append(UNKNOWN)
            return Value(Kind.LIST, items=tuple(members))
        if type(node) is cst.BinaryOperation:
            return binary.operation(self, node)
        if type(node) is cst.UnaryOperation and not isinstance(node.operator, cst.Not):
            # -x, ~mask: a new tensor where and as x is; -0.5: a number
            operand = self.eval(node.expression)
            if operand.kind == Kind.TENSOR:
                made = dims.elementwise(operand)
                return derived.derive(self, made, operand, node)
            return operand if operand.kind == Kind.NUMBER else UNKNOWN
        if type(node) is cst.Comparison:
            left = self.eval(node.left)
            rights = [self.eval(target.comparator) for target in node.comparisons]
            if left.kind in (Kind.TENSOR, Kind.MOVED) or (
                left.kind in (None, Kind.NUMBER)
                and len(rights) == 1
                and rights[0].kind in (Kind.TENSOR, Kind.MOVED)
            ):  # probs > 0.5, preds == labels: a bool tensor (``compared`` says where)
                return joins.compared(self, node, left, rights)
            decided = self.constant(node)  # half=dtype == torch.float16: a flag
            return UNKNOWN if decided is None else flag(decided)
        if type(node) is cst.BooleanOperation and type(node.operator) is cst.Or:
            left = self.eval(node.left)
            right = self.eval(node.right)
            # device or "cuda" if available else "cpu": the device given (a device is
            # never falsy), or the other where it was left at None
            if left.kind == Kind.DEVICE:
                return left
            return right if left.kind is None and left.origin == NONE.origin else UNKNOWN
        if type(node) is cst.Lambda:
            # transform = lambda s: ToTensor()(Resize(size)(s)): its body runs where
            # it is called (``call_lambda``).
            made = Value(Kind.FUNCTION, origin=LAMBDA, ident=new_ident())
            self.w.lambdas[made.ident] = node
            self.w.lambda_homes[made.ident] = self
            return made
        if type(node) is cst.Yield:
            # A generator's items: what a loop over its call binds (``returned``).
            if isinstance(node.value, cst.From):
                self.yields.append(self.element(node.value.item))
            else:
                self.yields.append(UNKNOWN if node.value is None else self.eval(node.value))
            return UNKNOWN  # what send() hands back
        for child in node.children:
            if isinstance(child, cst.BaseExpression):
                self.eval(child)
            elif isinstance(
                child,
                (
                    cst.Arg,
                    cst.Element,
                    cst.DictElement,
                    cst.StarredElement,
                    cst.FormattedStringExpression,  # print(f"{evaluate(model):.2f}")
                ),
            ):
                for sub in child.children:
                    if isinstance(sub, cst.BaseExpression):
                        self.eval(sub)
        return UNKNOWN

    def attribute(self, node: cst.Attribute) -> Value | None:
        return properties.read(self, node)

    def factory_by_name(self, func: cst.Call) -> str | None:
        """``getattr(torch, window)`` with ``window`` a string the walk knows (a
        parameter's ``"hann_window"`` default) naming a tensor factory of torch:
        ``torch.hann_window``; None for anything else."""
        given = getattr_name(func, "torch", self.w.analysis.qualify)
        if given is None:
            return None
        holder = innermost_function(self.w.analysis.functions, given)
        name = text_of(self.eval(given)) or written_default(holder, given)
        return f"torch.{name}" if name in FACTORY_FUNCTIONS else None

    def escape(self, value: Value) -> None:
        super().escape(value)
        copies.escaped(self, value)  # copies of parameters: may be moved there

    def call(self, node: cst.Call) -> Value:
        w = self.w
        func = node.func
        q = w.analysis.qualify(func) or loaders.by_name(w.analysis.qualify, func)
        if type(func) is cst.Call and q is None:
            q = self.factory_by_name(func)  # getattr(torch, window)(n_fft)
        if type(func) is cst.Call and q is None:  # nn.CrossEntropyLoss()(logits, labels)
            made = self.eval(func)
            args = [(a, self.eval(a.value)) for a in node.args]
            if made.kind == Kind.FUNCTION and made.origin == TENSOR_CLASS_OF:
                return legacy.construct(self, node, args)  # type(x)(sizes)
            if dotted(func.func) == "type" and same_members(args):
                return args[0][1]  # type(obj)(f(v) for v in obj): the members as they are
            if made.kind == Kind.OBJECT:  # Resize(size)(sample): its __call__
                result = self.method_of(made, "__call__", node, args)
                if result is not None:
                    return result
            if made.kind in (Kind.MODULE, Kind.WRAPPER):
                ran = self.observe_call(
                    node, made.origin.rsplit(".", 1)[-1] or "module", made, args
                )
                return holders.output(made, args, ran)
            if made.kind == Kind.FUNCTION:  # transforms.ToTensor()(image): what it stands for
                result = self.call_function(made, node, args)
                if result is not None:
                    return result
            self.escape_args(args)
            return UNKNOWN
        # (f(model, args.half or device.type == "cuda"): a flag the GPU run decides)
        args = [(a, self.gpu_test(a.value, self.eval(a.value))) for a in node.args]

        if q is not None or (
            (type(func) is cst.Name or type(func) is cst.Attribute)
            and (dotted(func) or "").split(".", 1)[0] in w.analysis.imports.relative
        ):
            result = self.imported(node, args)
            if result is not None:
                return result
        if type(func) is cst.Attribute and func.attr.value == "index":
            found = numbers.position(func, self.eval(func.value), args)  # names.index(name)
            if found is not None:
                return found
        if q is not None:
            if q in datasets.DATA_LOADERS:
                collated = datasets.collated(
                    self, node, args, self.follow, self.closure, self.method_of, self.call_lambda
                )
                if collated is not None:
                    return collated
            float_only.function(self, node, q, args)
            return effects.library_call(self, node, q, args)

        if type(func) is cst.Subscript:
            part = self.eval(func)
            if part.kind in (Kind.MODULE, Kind.WRAPPER) and (part.ident or part.part_of):
                # self.blocks[i](x) of a list of the file's blocks: its forward runs
                ran = self.observe_call(node, entry_name(func), part, args)
                return holders.output(part, args, ran)
        whole = dotted(func)
        if whole is not None and type(func) is cst.Attribute:
            value = self.lookup(whole)
            # learn.model(xb), self.model(x): a module an object holds, or a property's
            held = self.attribute(func) if _guessed(func, whole, value, self.env) else None
            value = held or value
            if value is not None:
                # self.metric(...) with self.metric = compute_metrics: that function
                result = self.call_function(value, node, args)
                if result is not None:
                    return result
            if value is not None and value.kind == Kind.OBJECT and whole in self.env:
                # self.transform(x) with self.transform = Compose([...]): its __call__
                result = self.method_of(value, "__call__", node, args)
                if result is not None:
                    return result
            if value is not None and (
                (value.kind == Kind.MOVED and whole in self.env)
                or (
                    value.kind in (Kind.MODULE, Kind.WRAPPER)
                    and (whole in self.env or held is not None or self.part_attribute(whole))
                )
            ):
                # self.enc(x): a module called (or one moved: only a module is both)
                ran = self.observe_call(node, whole, value, args)
                return holders.output(value, args, ran)
            if value is not None and value.kind == Kind.TOKENIZER and whole in self.env:
                return loaders.encoding(node)  # self.processor(text=..., return_tensors="pt")

        if type(func) is cst.Attribute:
            method = func.attr.value
            receiver_path = dotted(func.value)
            receiver = (
                self.eval(func.value)  # (x.data.numpy(): x's tensor, where x is)
                if receiver_path is None or receiver_path.rpartition(".")[2] in TENSOR_ALIASES
                else (self.lookup(receiver_path) or self.eval(func.value))
            )
            if receiver.kind in (None, Kind.TENSOR, Kind.MOVED):
                indices.method(self, node, method, args, (cst.Arg(func.value), receiver))
            if isinstance(func.value, cst.Name):
                result = self.class_method(func.value.value, method, node, args)
                if result is not None:
                    return result
            if method in MODEL_LOADERS:
                return loaders.from_pretrained(self, node, func)
            if method in TRACING_METHODS and receiver.kind is None:
                traces.traced(self, node, args)  # writer.add_graph(model, x): model(x)
            if self.cls is not None and (receiver_path == "self" or is_super(func.value)):
                # (super().__init__(model): a base class's method, on this instance)
                fn = (w.methods if receiver_path else w.inherited)(self.cls).get(method)
                if fn is not None:
                    result = self.follow(fn, node, args, self.cls)
                    if result is not None:
                        return result
            if receiver_path is not None and "." in receiver_path:
                optimizers.touch(self, receiver_path)  # optimizer.state.values()
            closure = args[0][1] if method == "step" and len(args) == 1 else None
            if closure is not None and self.entry and closure.ident in w.closures:
                # optimizer.step(closure) (LBFGS's form; an optimizer of a bare tensor
                # is not one the walk makes): the optimizer calls it
                self.closure(*w.closures[closure.ident], node, [])
            if receiver.kind == Kind.OPTIMIZER:
                return optimizers.method(self, node, receiver_path, receiver, method, args)
            if (graphs_of := graphs.of_dataset(receiver, method)) is not None:
                return graphs_of  # dataset.shuffle() of a graph dataset
            if method == "step" and len(args) == 1 and args[0][1].kind == Kind.OPTIMIZER:
                # scaler.step(optimizer): GradScaler steps the optimizer
                stepped = dotted(args[0][0].value)
                return optimizers.method(self, node, stepped, args[0][1], "step", [])
            if method == "append" and len(args) == 1 and type(func.value) is cst.IfExp:
                return lists.append_either(self, func.value, args[0][1])  # (a if c else b)
            if lists.fills(receiver, method, args):
                if receiver_path is not None and receiver_path in self.env:
                    self.set(receiver_path, lists.put(receiver, method, args[0][1]))
                return UNKNOWN
            if frames.is_frame(receiver):
                return frames.method(node, receiver, method)  # df.drop(columns=...)
            if denoised := schedulers.method(self, receiver_path, receiver, method, args):
                return denoised  # scheduler.step(eps, t, latents): the next latents
            if receiver.kind == Kind.OBJECT and receiver.origin in arrays.ARRAY_OBJECTS:
                return arrays.object_method(node, receiver, method)  # rng.uniform(0, 1, n)
            if receiver.kind == Kind.OBJECT and receiver.origin == scalers.SCALER:
                return scalers.scaled(self, node, receiver, method, args)  # scaler.transform(X)
            if receiver.kind == Kind.OBJECT and (plotted := plots.plotting(receiver, method)):
                return arrays.library_call(self, node, plotted, args)  # ax.imshow(img)
            if receiver.kind == Kind.OBJECT and receiver.origin in (plots.AXES, plots.FIGURE):
                return plots.method(receiver, method) or UNKNOWN
            if receiver.kind == Kind.DATASET:  # (an instance of a Dataset class of the file)
                result = self.method_of(receiver, method, node, args)
                if result is not None:
                    return result
            if receiver.kind == Kind.OBJECT:
                result = self.method_of(receiver, method, node, args)
                if result is not None:
                    return result
                self.escape_args(args)
                return UNKNOWN
            if (unpickled := loaders.unpickled_module(receiver, method)) is not None:
                # model = torch.load(f, map_location="cpu"), then model.parameters():
                # a whole module was pickled, and it is on the CPU
                receiver = unpickled
                if receiver_path is not None and receiver_path in self.env:
                    self.set(receiver_path, receiver)
            if receiver.kind in (Kind.MODULE, Kind.WRAPPER):
                if method == "apply":
                    self.applied(node, receiver, args)  # model.apply(add_hooks)
                elif method == "register_forward_hook":
                    self.hooked(receiver, args)  # lambda m, i, o: feats.append(o)
                return effects.module_method(self, node, receiver_path, receiver, method, args)
            if (
                receiver.kind in (Kind.TENSOR, Kind.MOVED)
                and (method.removesuffix("_") in ARITHMETIC_METHODS or method in joins.PAIRED)
                and args
                and args[0][0].keyword is None
                and args[0][1].kind in (Kind.TENSOR, Kind.MOVED)
            ):  # x.sub(mean): as x - mean; pred.eq(labels): as pred == labels
                pair = ((func.value, receiver), (args[0][0].value, args[0][1]))
                return joins.method(self, node, method, pair)
            if method in ARITHMETIC_METHODS and len(args) == 1 and args[0][0].keyword is None:
                # x.div(255.0), x.mul(2): as x / 255.0
                divides = method in TRUE_DIVISIONS
                by = (args[0][0].value, args[0][1])
                scaled = binary.with_number(self, node, receiver, by, divides)
                if scaled is not None:
                    return scaled
            if receiver.kind in (Kind.TENSOR, Kind.MOVED) and (
                method in MASKED_METHODS or method in INDEX_METHODS
            ):
                operands = [(func.value, receiver), *((a.value, v) for a, v in args)]
                gpus.meet(self, [v for _, v in operands], node, [e for e, _ in operands])
                joins.masked(self, node, method, operands)  # x.masked_fill(cpu_mask, 0)
            if receiver.kind in (Kind.TENSOR, Kind.MOVED) and method == "backward":
                joins.backward(self, node, (func.value, receiver), args)  # gradient=
            if receiver.kind == Kind.TENSOR and method in STRICT_DTYPE_METHODS:
                operands = [(func.value, receiver), *((a.value, v) for a, v in args)]
                return strict_ops.meet(self, node, method, operands)
            chosen = config_files.device_entry(receiver, string_key(node), node)
            if method == "get" and chosen is not None:
                gpus.record(self, node, Gpu.CHOSEN)
                return chosen  # cfg.get("device", "cuda") of yaml.safe_load(fh)
            if receiver.kind == Kind.OPTIONS and receiver.keys:
                if method == "get":
                    return entry(receiver, string_key(node)) or UNKNOWN  # cfg.get("dtype")
                if method in DICT_MUTATORS:
                    self.forget(receiver.ident)
                    return UNKNOWN
            if receiver.kind == Kind.ENCODING and receiver.keys and not graphs.is_graph(receiver):
                key = string_key(node)
                if method == "get" and entry(receiver, key) is not None:
                    return entry(receiver, key) or UNKNOWN  # batch.get("x")
                if method == "pop" and key in receiver.keys and len(node.args) == 1:
                    return dicts.popped(self, receiver, key)  # ids = batch.pop("ids")
                if method in DICT_MUTATORS:
                    self.forget(receiver.ident)  # batch.update(labels=...), batch.pop("x")
                    return UNKNOWN
                # (A dict has no tensor methods: what they do is a BatchEncoding's.)
                receiver = replace(receiver, items=(), keys=())
            source = retype.cast_of(self, node, receiver)
            if source is not None:
                target = args[0][1] if method == "type_as" else None
                result = retype.retyped(self, node, receiver, source, target)
                if result is not None:
                    return result
            if receiver.kind == Kind.TENSOR and method in IN_PLACE_OPS:
                return copies.in_place(self, node, receiver, method, args)
            if receiver.kind == Kind.MOVED and method in ("eval", "train"):
                # model.to(device).eval() of a model of unknown kind: only a module
                # has these, and they return it
                return replace(receiver, kind=Kind.MODULE)
            if receiver.kind in (Kind.TENSOR, Kind.ENCODING, Kind.MOVED):
                float_only.method(self, node, receiver, method)
                return effects.tensor_method(self, node, receiver, method)
            if receiver.kind == Kind.NDARRAY:
                return arrays.method(node, receiver, method)
            if receiver.kind is None and (cast := arrays.astype_of_unknown(node, method)):
                return cast  # x.astype(np.float32): only arrays (and frames) have .astype
            if receiver.kind == Kind.TOKENIZER and method in TOKENIZER_CALLS:
                return loaders.encoding(node)
            if (
                receiver.kind == Kind.TOKENIZER
                and method == "encode"
                and any(a.keyword and a.keyword.value == "return_tensors" for a in node.args)
            ):
                # tokenizer.encode(text, return_tensors="pt"): the ids, a CPU tensor
                return new_value(Kind.TENSOR, Place.CPU, "int64", Event("create", node))
            if method == "parse_args" and receiver.kind is None:
                self.escape_args(args)
                return Value(Kind.OPTIONS, origin="argparse")
            if method == "prepare" and receiver_path and "accelerator" in receiver_path.lower():
                return engines.placed_all(self, node, args, "accelerator.prepare")
            if receiver.kind is None and (
                method in effects.TENSOR_ONLY_CASTS
                or (method == "to" and self.to_args(node)[1] in INTEGER_DTYPES)
            ):
                # Only tensors have .int()/.long(), and modules cannot be cast to an
                # integer dtype: this is a tensor.
                dtype = effects.TENSOR_ONLY_CASTS.get(method) or self.to_args(node)[1]
                return new_value(Kind.TENSOR, None, dtype, Event("cast", node, dtype or ""))
            if method in ("to", "cuda") and receiver.kind is None:
                (device, expr), _ = (
                    self.to_args(node) if method == "to" else ((Place.CUDA, None), None)
                )
                self.escape_args(args)
                if device not in (None, Place.CPU, Place.MAYBE):
                    gpus.record_move(self, node, method, device, expr)
                    cpu_run.record_move(self, node, expr, None)
                    if receiver_path:
                        self.rescued(receiver_path)  # (model.fc.to(device) of a new head)
                    event = Event("move", node, device)
                    self.gpu_evidence = self.gpu_evidence or event
                    return new_value(Kind.MOVED, device, None, event, device_expr=expr)
                return UNKNOWN
            if method == "set_device" and receiver_path and receiver_path.endswith("cuda"):
                self.gpu_evidence = self.gpu_evidence or Event("move", node, "set_device")
            self.escape_args(args)
            return UNKNOWN

        name = dotted(func)
        if name in ("next", "iter") and len(node.args) == 1 and not node.args[0].star:
            batch = self.stepped(name, node.args[0].value, args[0][1])
            if batch is not None:
                return batch
        if name is not None:
            value = self.lookup(name)
            if value is not None and value.kind == Kind.OBJECT:
                result = self.method_of(value, "__call__", node, args)
                if result is not None:
                    return result
                self.escape_args(args)
                return UNKNOWN
            if value is not None:
                # net = linreg; net(X, w, b) (and cls(...), a lambda bound to a name)
                result = self.call_function(value, node, args, name)
                if result is not None:
                    return result
            if value is not None and value.kind in (Kind.MODULE, Kind.WRAPPER, Kind.MOVED):
                # (something moved and then called can only be a module)
                ran = self.observe_call(node, name, value, args)
                return holders.output(value, args, ran)
            if value is not None and value.kind == Kind.TOKENIZER:
                return loaders.encoding(node)
            result = self.defined(name, node, args, value)
            if result is not None:
                return result
        if (
            name in ("list", "tuple")
            and len(node.args) == 1
            and isinstance(node.args[0].value, cst.Call)
            and isinstance(node.args[0].value.func, cst.Attribute)
            and node.args[0].value.func.attr.value in _LISTED
        ):
            member = self.element(node.args[0].value)  # list(model.named_parameters())
            last = member.items[-1] if member.kind == Kind.TUPLE and member.items else member
            known = member.kind == Kind.MODULE or copies.live_parameter(last)
            return Value(Kind.LIST, items=(member,)) if known else UNKNOWN
        if name == "type" and len(args) == 1 and args[0][0].keyword is None:
            return legacy.class_of(node, args[0][1])  # type(x): torch.Tensor, for a tensor
        if name == "tuple" and len(node.args) == 1 and not node.args[0].keyword:
            each = self.per_member(node.args[0].value)  # tuple(t[i] for t in tensors)
            if each is not None:
                return each
        if name in ("list", "tuple") and same_members(args):
            return args[0][1]  # tuple(f(v) for v in batch)
        if name == "list" and not node.args:
            return Value(Kind.LIST)  # filled by append
        if name == "zip" and len(args) == 1 and args[0][0].star == "*":
            return arrays.unzipped(args[0][1])
        if name == "map" and len(args) == 2 and not any(a.star or a.keyword for a, _ in args):
            mapped = arrays.mapped(self, node, args[0][0].value, args[1])
            if mapped is None:
                mapped = legacy.mapped(self, node, args[0][0].value)
            if mapped is not None:
                return mapped
        named = self.dtype_by_name(node) if name == "getattr" else None
        if named is not None:
            return named  # getattr(torch, cfg["dtype"]) of {"dtype": "float16"}
        if name == "getattr" and 2 <= len(node.args) <= 3:
            # getattr(self, "pos_embed", None): the attribute, where the walk knows it
            owner, attr = dotted(node.args[0].value), attribute_name(node.args[1].value)
            held = self.lookup(f"{owner}.{attr}") if owner and attr else None
            if held is not None and held.kind is not None:
                return held
            if len(node.args) == 2 and attr is None and args[0][1].kind == Kind.MODULE:
                # getattr(parent, part) of a dotted module name walked part by part
                # (``for p in name.split(".")[:-1]: parent = getattr(parent, p)``)
                return submodule(args[0][1])
        number = numbers.builtin(name, args)
        if number is not None:
            return number
        if name in effects.INERT_BUILTINS:
            return UNKNOWN  # setattr(model, ...), len(x), print(x): nothing is moved
        self.escape_args(args)
        return UNKNOWN

    def observe_call(
        self,
        node: cst.Call,
        callee: str,
        module: Value,
        args: list[tuple[cst.Arg, Value]],
        walked: bool = False,
    ) -> Value | None:
        """Records the call of ``module``; what its forward returned, where followed."""
        env = dict(self.env)
        followed = walked
        returned: Value | None = None
        if module.kind == Kind.WRAPPER and self.w.pending_wraps:
            # A DataParallel called before it was placed: a later move comes too late.
            for wrap, ident in list(self.w.pending_wraps.items()):
                if ident == module.ident:
                    del self.w.pending_wraps[wrap]
        wrapped = module.last("wrap", "maybe-wrap")
        if module.kind in (Kind.MODULE, Kind.WRAPPER) and wrapped is not None:
            if wrapped.detail == "DataParallel" and (
                module.device == Place.CPU or (module.device == Place.MAYBE and wrapped.unplaced)
            ):
                # (in another file's function: at the call of this file that led there)
                called = self.w.facts.site or node
                self.w.facts.called_on_cpu.setdefault(wrapped.node, called)
        if module.origin.startswith("local:") and module.ident and not walked:
            # A module class of the file, called: its forward, with these inputs and
            # its submodules where the instance is.
            inputs = args
            wrapped = module.last("wrap")
            if wrapped is not None and wrapped.detail in SCATTERING_WRAPPERS:
                # They scatter their inputs to their device_ids first.
                inputs = [
                    (a, replace(v, device=Place.MAYBE) if v.device == Place.CPU else v)
                    for a, v in args
                ]
            # DataParallel runs each replica's forward with its GPU as the current one.
            replica = module.last("wrap", "maybe-wrap")
            self.replica += replica is not None and replica.detail == "DataParallel"
            with gpus.running(self, node, callee, module, args):
                returned = self.method_of(module, "forward", node, inputs, callee)
                followed = returned is not None
            self.replica -= replica is not None and replica.detail == "DataParallel"
        elif (head := sequential_head(module)) is not None and not walked:
            # nn.Sequential(Block(), ...) called: its first member's forward runs
            with gpus.running(self, node, callee, module, args):
                inputs = holders.through_layers(module, args)
                followed = self.method_of(head, "forward", node, inputs, callee) is not None
        elif callee == "self" and module.kind == Kind.MODULE and not walked:
            followed = self.own_forward(node, args)  # (a LightningModule's step: self(x))
        self.w.facts.calls.add(
            node,
            CallObs(
                node, callee, module, tuple(args), env, self.autocast > 0, followed, self.in_forward
            ),
            self.depth,
        )
        if module.origin in RECORDED_LOSSES:
            losses.called(self, node, module.origin, args, module)
        loaders.labels_loss(self, node, module, args)  # model(**batch) of a task head
        loaders.detection_targets(self, node, module, args)  # model(images, targets)
        for arg, value in args:
            if value.kind == Kind.TENSOR and value.ident:
                stale = self.w.moved_away.get(value.ident)
                if stale is not None:
                    name = dotted(arg.value)
                    if name is not None and name != stale[0]:
                        self.w.facts.stale.add(node, (arg, stale[0], stale[1]), self.depth)
        return returned


# What ``list(model.<name>())`` lists: the modules, or the (named) parameters.
_LISTED = frozenset({"children", "modules", "parameters", "named_parameters"})
# The methods of a dict that change its entries: what it holds is unknown after them.
DICT_MUTATORS = frozenset(
    {"update", "pop", "popitem", "setdefault", "clear", "__setitem__", "__delitem__"}
)
# What ``x.device`` / ``x.dtype`` is read from.
_WITH_PLACE = frozenset({Kind.MODULE, Kind.WRAPPER, Kind.TENSOR, Kind.ENCODING})


def _guessed(
    node: cst.BaseExpression, name: str, value: Value | None, env: dict[str, Value]
) -> bool:
    """``obj.name`` that no name of the walk holds, read as nothing or as a part of a
    module by its name alone: what the instance's class says may be better."""
    return (
        type(node) is cst.Attribute
        and name not in env
        and (value is None or value.kind in (Kind.MODULE, Kind.WRAPPER))
    )


def _dtype_of(owner: Value, node: cst.Attribute) -> Value:
    """``x.dtype``: the owner's dtype; of a tensor, with the event that decided it
    (what a cast or a factory given it copies: ``Event.source``); of a module (or its
    weight), a "follow" event: what is made in it follows that module."""
    follow = followed(owner, node)
    if follow is not None:
        return Value(Kind.DTYPE, None, owner.dtype, events=(follow,))
    made = owner.dtype_event() if owner.kind in (Kind.TENSOR, Kind.MOVED) else None
    return Value(Kind.DTYPE, None, owner.dtype, events=(made,) if made is not None else ())
