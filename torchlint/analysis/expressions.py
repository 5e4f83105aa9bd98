"""The walker's expressions: what each expression evaluates to, and the calls in it.
A call of a library name goes to ``effects.py``; a call of a function or class of
the file is followed (its body walked with the call's arguments, up to a depth and
a budget); a module called records what it was called with (``CallObs``)."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from dataclasses import replace
from functools import reduce
from pathlib import Path

import libcst as cst

from torchlint.analysis import converters, effects, gpus, loaders, optimizers, strict_ops
from torchlint.analysis.facts import ClassFacts
from torchlint.analysis.loops import Loops
from torchlint.analysis.names import dotted
from torchlint.analysis.observations import CallObs
from torchlint.analysis.torch_api import (
    INTEGER_DTYPES,
    LOSSES,
    MODEL_LOADERS,
    SCATTERING_WRAPPERS,
    STRICT_DTYPE_METHODS,
    torch_dtype,
)
from torchlint.analysis.values import (
    CLASS,
    CONSTANT,
    MAYBE_DTYPE,
    UNKNOWN,
    Event,
    Kind,
    Place,
    Value,
    member,
    merge_values,
    new_ident,
    new_value,
    submodule,
    unpass,
)

# How deep calls to the file's own functions are followed, and how many times per
# file in all (each time walks the callee again, with the call's arguments).
MAX_CALL_DEPTH = 3
MAX_CALLS_FOLLOWED = 400


class Expressions(Loops):
    """A scope's expressions; the statements (``flow.py``) say ``body`` and ``assign``."""

    @abstractmethod
    def body(self, statements: Sequence[cst.CSTNode]) -> None:
        """Walks ``statements`` in order."""

    @abstractmethod
    def late_assign(self, parent_path: str | None, value: Value, stmt: cst.CSTNode) -> None:
        """``value`` attached to ``parent_path`` (``flow.py``)."""

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
            return merge_values(body, orelse) if body.kind == orelse.kind else UNKNOWN
        if isinstance(node, cst.SimpleString):
            device, expr = self.device_of(node)  # device = "cuda:0"
            return Value(Kind.DEVICE, device, None, expr) if device else UNKNOWN
        if isinstance(node, cst.Integer):  # real_label = 1: what torch.full(..., it) makes
            return Value(Kind.NUMBER, dtype="int64")
        if isinstance(node, cst.Float):
            return Value(Kind.NUMBER, dtype="float32")
        if isinstance(node, cst.Name) and node.value in ("True", "False"):
            return Value(Kind.NUMBER, dtype="bool", origin=CONSTANT + node.value)
        if isinstance(node, (cst.Name, cst.Attribute)):
            name = dotted(node)
            if name is not None:
                if isinstance(node, cst.Attribute) and node.attr.value in ("device", "dtype"):
                    owner = self.lookup(dotted(node.value) or "")
                    if owner is not None and owner.kind in (
                        Kind.MODULE,
                        Kind.WRAPPER,
                        Kind.TENSOR,
                        Kind.ENCODING,
                    ):
                        if node.attr.value == "device":
                            return Value(Kind.DEVICE, owner.device, None, node)
                        return Value(Kind.DTYPE, None, owner.dtype)
                    return Value(
                        Kind.DEVICE if node.attr.value == "device" else Kind.DTYPE,
                        Place.VAR if node.attr.value == "device" else None,
                        None,
                        node,
                    )
                value = self.lookup(name)
                if value is not None:
                    return value
                if isinstance(node, cst.Attribute):
                    dtype = torch_dtype(node, self.w.analysis)
                    if dtype is not None:
                        return Value(Kind.DTYPE, None, dtype)  # f(torch_dtype=torch.half)
                    optimizers.touch(self, name)  # optimizer.state
                if isinstance(node, cst.Name) and name in self.w.top_functions and self.entry:
                    return Value(Kind.FUNCTION, origin=name)  # metric=compute_metrics
                if isinstance(node, cst.Attribute):
                    owner = self.lookup(dotted(node.value) or "")
                    if owner is not None and owner.kind == Kind.ENCODING:
                        return replace(owner, kind=Kind.TENSOR)  # enc.input_ids
                return UNKNOWN
        if isinstance(node, cst.Attribute):  # on a call or subscript: tokenizer(...).input_ids
            owner = self.eval(node.value)
            if owner.kind == Kind.ENCODING:
                return replace(owner, kind=Kind.TENSOR)
            if owner.kind in (Kind.MODULE, Kind.WRAPPER):
                return member(owner, node.attr.value)
            return UNKNOWN
        if isinstance(node, cst.Subscript):
            owner = self.eval(node.value)
            for element in node.slice:
                if isinstance(element.slice, cst.Index) and isinstance(
                    element.slice.value, cst.Call
                ):
                    self.eval(element.slice.value)  # x[np.argsort(np.asarray(t))]: observed
            if owner.kind == Kind.ENCODING:
                return replace(owner, kind=Kind.TENSOR, ident=new_ident())  # enc["input_ids"]
            if owner.kind in (Kind.MODULE, Kind.WRAPPER):
                return submodule(owner)  # model.layers[3]
            if owner.kind in (Kind.TENSOR, Kind.NDARRAY):
                return replace(owner, ident=new_ident(), moved_from=0)  # x[:, -1]: same place
            if owner.kind == Kind.TUPLE:
                index = node.slice[0].slice if len(node.slice) == 1 else None
                if isinstance(index, cst.Index) and isinstance(index.value, cst.Integer):
                    i = int(index.value.value)
                    return owner.items[i] if i < len(owner.items) else UNKNOWN
            if owner.kind == Kind.LIST and all(isinstance(e.slice, cst.Slice) for e in node.slice):
                return owner  # layers[:-1]: some of the same members
            return UNKNOWN
        if isinstance(node, cst.DictComp):
            return self.comprehension(node)
        if isinstance(node, (cst.ListComp, cst.GeneratorExp)):
            return self.comprehension(node)
        if isinstance(node, cst.List) and not node.elements:
            return Value(Kind.LIST)
        if isinstance(node, (cst.Tuple, cst.List)) and not any(
            isinstance(e, cst.StarredElement) for e in node.elements
        ):
            return Value(Kind.TUPLE, items=tuple(self.eval(e.value) for e in node.elements))
        if isinstance(node, cst.BinaryOperation):
            return self.arithmetic(node)
        if isinstance(node, cst.Comparison):
            left = self.eval(node.left)
            for target in node.comparisons:
                self.eval(target.comparator)
            if left.kind == Kind.TENSOR:  # probs > 0.5: a bool tensor, where probs is
                return replace(left, dtype="bool", ident=new_ident(), moved_from=0)
            return UNKNOWN
        if isinstance(node, cst.Call):
            return self.call(node)
        if isinstance(node, cst.Yield):
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

    def arithmetic(self, node: cst.BinaryOperation) -> Value:
        """``a + b``, ``x * 0.5``, ``a @ b``: a tensor where its operands are; with a
        plain number, where the tensor is. Anything unknown makes it unknown."""
        left, right = self.eval(node.left), self.eval(node.right)
        if isinstance(node.operator, cst.MatrixMultiply):
            strict_ops.meet(self, node, "@", ((node.left, left), (node.right, right)))
        if left.kind in (Kind.TENSOR, Kind.MOVED) and right.kind in (Kind.TENSOR, Kind.MOVED):
            return effects.meet(self, (left, right), node, (node.left, node.right))
        for tensor, other in ((left, right), (right, left)):
            if tensor.kind == Kind.TENSOR and (
                other.kind == Kind.NUMBER
                or effects.is_number(node.right if other is right else node.left)
            ):
                return replace(tensor, ident=new_ident(), moved_from=0)
        for tensor, other in ((left, right), (right, left)):
            if tensor.kind == Kind.TENSOR and tensor.device == Place.CPU and other.kind is None:
                # 2 * np.pi * sigma ** (j / m): with anything but a GPU tensor (whose
                # meeting with this CPU one fails right here) the result stays on the
                # CPU; its dtype is the other operand's business.
                return replace(tensor, dtype=MAYBE_DTYPE, ident=new_ident(), moved_from=0)
        return UNKNOWN

    def call(self, node: cst.Call) -> Value:
        w = self.w
        func = node.func
        q = w.analysis.qualify(func)
        if isinstance(func, cst.Call):  # nn.CrossEntropyLoss()(logits, labels)
            made = self.eval(func)
            args = [(a, self.eval(a.value)) for a in node.args]
            if made.kind in (Kind.MODULE, Kind.WRAPPER):
                self.observe_call(node, made.origin.rsplit(".", 1)[-1] or "module", made, args)
                return replace(
                    new_value(Kind.TENSOR, made.device if made.placed else None, made.dtype),
                    origin="module call",
                )
            self.escape_args(args)
            return UNKNOWN
        args = [(a, self.eval(a.value)) for a in node.args]

        if q is not None or (
            isinstance(func, (cst.Name, cst.Attribute))
            and (dotted(func) or "").split(".", 1)[0] in w.analysis.imports.relative
        ):
            result = self.imported(node, args)
            if result is not None:
                return result
        if q is not None:
            return effects.library_call(self, node, q, args)

        whole = dotted(func)
        if whole is not None and isinstance(func, cst.Attribute):
            value = self.lookup(whole)
            if (
                value is not None
                and value.kind in (Kind.MODULE, Kind.WRAPPER)
                and whole in self.env
            ):
                # self.enc(x): the attribute itself is a module being called.
                self.observe_call(node, whole, value, args)
                return replace(
                    new_value(Kind.TENSOR, value.device if value.placed else None, value.dtype),
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
            if isinstance(func.value, cst.Name):
                result = self.class_method(func.value.value, method, node, args)
                if result is not None:
                    return result
            if method in MODEL_LOADERS:
                return loaders.from_pretrained(self, node, func)
            if receiver_path == "self" and self.cls is not None:
                fn = w.methods(self.cls).get(method)
                if fn is not None:
                    result = self.follow(fn, node, args, self.cls)
                    if result is not None:
                        return result
            if receiver_path is not None and "." in receiver_path:
                optimizers.touch(self, receiver_path)  # optimizer.state.values()
            if receiver.kind == Kind.OPTIMIZER:
                return optimizers.method(self, node, receiver_path, receiver, method, args)
            if method == "step" and len(args) == 1 and args[0][1].kind == Kind.OPTIMIZER:
                # scaler.step(optimizer): GradScaler steps the optimizer
                stepped = dotted(args[0][0].value)
                return optimizers.method(self, node, stepped, args[0][1], "step", [])
            if receiver.kind in (Kind.LIST, Kind.TUPLE) and method == "append" and len(args) == 1:
                if receiver_path is not None and receiver_path in self.env:
                    members = (*receiver.items, args[0][1])
                    self.set(
                        receiver_path, Value(Kind.LIST, items=(reduce(merge_values, members),))
                    )
                return UNKNOWN
            if receiver.kind == Kind.OBJECT:
                result = self.method_of(receiver, method, node, args)
                if result is not None:
                    return result
                self.escape_args(args)
                return UNKNOWN
            if receiver.kind in (Kind.MODULE, Kind.WRAPPER):
                return effects.module_method(self, node, receiver_path, receiver, method, args)
            if receiver.kind == Kind.TENSOR and method in STRICT_DTYPE_METHODS:
                operands = [(func.value, receiver), *((a.value, v) for a, v in args)]
                return strict_ops.meet(self, node, method, operands)
            if receiver.kind in (Kind.TENSOR, Kind.ENCODING, Kind.MOVED):
                return effects.tensor_method(self, node, receiver, method)
            if receiver.kind == Kind.NDARRAY:
                if method == "astype" and node.args:
                    return replace(
                        receiver, dtype=effects.numpy_dtype(node.args[0].value), ident=new_ident()
                    )
                if method in effects.NUMPY_KEEP_DTYPE:
                    return replace(receiver, ident=new_ident())
                return UNKNOWN
            if receiver.kind is None and method == "astype" and len(node.args) == 1:
                # Only numpy arrays (and pandas objects, whose values are arrays) have
                # .astype; a tensor has not: an array in the dtype asked for.
                wanted = effects.numpy_dtype(node.args[0].value)
                if wanted != MAYBE_DTYPE:
                    return new_value(Kind.NDARRAY, Place.CPU, wanted, Event("cast", node, wanted))
            if receiver.kind == Kind.TOKENIZER and method in (
                "__call__",
                "encode_plus",
                "batch_encode_plus",
                "apply_chat_template",
            ):
                return new_value(Kind.ENCODING, Place.CPU, None, Event("create", node))
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
                return effects.placed_all(self, node, args, "accelerator.prepare")
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
                    event = Event("move", node, device)
                    self.gpu_evidence = self.gpu_evidence or event
                    return new_value(Kind.MOVED, device, None, event, device_expr=expr)
                return UNKNOWN
            if method == "set_device" and receiver_path and receiver_path.endswith("cuda"):
                self.gpu_evidence = self.gpu_evidence or Event("move", node, "set_device")
            self.escape_args(args)
            return UNKNOWN

        name = dotted(func)
        if name is not None:
            value = self.lookup(name)
            if value is not None and value.kind == Kind.OBJECT:
                result = self.method_of(value, "__call__", node, args)
                if result is not None:
                    return result
                self.escape_args(args)
                return UNKNOWN
            if value is not None and value.kind == Kind.FUNCTION and value.origin.startswith(CLASS):
                # cls(...) in a classmethod: the class itself
                result = self.defined(value.origin.removeprefix(CLASS), node, args, None)
                if result is not None:
                    return result
                self.escape_args(args)
                return UNKNOWN
            if value is not None and value.kind == Kind.FUNCTION and value.origin != name:
                # net = linreg; net(X, w, b)
                result = self.follow(w.top_functions[value.origin], node, args, None)
                if result is not None:
                    return result
                self.escape_args(args)
                return UNKNOWN
            if value is not None and value.kind in (Kind.MODULE, Kind.WRAPPER, Kind.MOVED):
                # (something moved and then called can only be a module)
                self.observe_call(node, name, value, args)
                return replace(
                    new_value(Kind.TENSOR, value.device if value.placed else None, value.dtype),
                    origin="module call",
                )
            if value is not None and value.kind == Kind.TOKENIZER:
                return new_value(Kind.ENCODING, Place.CPU, None, Event("create", node))
            result = self.defined(name, node, args, value)
            if result is not None:
                return result
        if (
            name in ("list", "tuple")
            and len(node.args) == 1
            and isinstance(node.args[0].value, cst.Call)
            and isinstance(node.args[0].value.func, cst.Attribute)
            and node.args[0].value.func.attr.value in ("children", "modules")
        ):
            member = self.element(node.args[0].value)  # list(model.children())
            return Value(Kind.LIST, items=(member,)) if member.kind == Kind.MODULE else UNKNOWN
        if name in effects.INERT_BUILTINS:
            return UNKNOWN  # setattr(model, ...), len(x), print(x): nothing is moved
        self.escape_args(args)
        return UNKNOWN

    def defined(
        self, name: str, node: cst.Call, args: list[tuple[cst.Arg, Value]], value: Value | None
    ) -> Value | None:
        """A call of what the file being read (``w.home``) defines under ``name``: a
        module class, a Dataset class, another class, a function. None when it is not
        one, or the call is not followed."""
        w = self.w
        cls = w.local_modules.get(name)
        if cls is not None:
            # Model(device=...): the class builds its state there itself.
            placed = any(a.keyword and a.keyword.value == "device" for a, _ in args)
            module = new_value(
                Kind.MODULE,
                Place.MAYBE if placed else Place.CPU,
                "float32" if w.analysis.default_dtype is None else None,
                Event("create", node),
            )
            if not self.entry:
                return module
            if w.home is not w.own:
                w.homes[cls] = w.home
                # (named apart from a class of the linted file that has its name)
                where = Path(w.home.path or "").stem
                module = replace(module, origin=f"local:{where}.{name}")
            else:
                module = replace(module, origin=f"local:{name}")
            attrs = self.construct(cls, node, args)
            if module.device == Place.CPU and any(
                v.kind == Kind.TENSOR and v.device not in (None, Place.CPU) for v in attrs.values()
            ):
                # Its __init__ makes weights where something else is (LoRA factors
                # made with ``device=base.weight.device``): not surely on the CPU.
                module = replace(module, device=Place.MAYBE)
            w.objects[module.ident] = (cls, attrs)
            return module
        if not self.entry:
            return None
        if name in w.cpu_datasets:
            if w.home is not w.own:
                w.homes[w.cpu_datasets[name]] = w.home
            return self.instance(w.cpu_datasets[name], node, args)
        cls = w.local_classes.get(name)
        if cls is not None:
            if w.home is not w.own:
                w.homes[cls] = w.home
            obj = replace(new_value(Kind.OBJECT, None, None, Event("create", node)), origin=name)
            attrs = self.construct(cls, node, args)
            w.objects[obj.ident] = (cls, attrs)
            getitem = self.w.methods(cls).get("__getitem__")
            if getitem is not None and any(b.endswith("Dataset") for b in cls.bases):
                # A Dataset that places or moves something itself: where its items
                # are is not known, but what its __getitem__ runs (a model it is
                # given, encoding each item) is observed.
                self.enter(getitem, node, [], cls, attrs)
            return obj
        fn = w.top_functions.get(name)
        if fn is not None and (
            value is None
            or value.kind is None
            or (value.kind == Kind.FUNCTION and value.origin == name)
        ):
            return self.follow(fn, node, args, None)
        return None

    def imported(self, node: cst.Call, args: list[tuple[cst.Arg, Value]]) -> Value | None:
        """A call of what another file of the project defines (``from utils import
        wrap_ddp``; ``from .model import Net``), followed there as a call of this
        file's own would be; None when it is not one, or not followed."""
        name = dotted(node.func)
        if name is None or not self.entry:
            return None
        found = self.w.imported(name)
        if found is None:
            return None
        home, local = found
        with self.w.within(home, node):
            return self.defined(local, node, args, None)

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
        if fn in self.stack:
            return self.recursion(fn, node, args)
        own = {k: v for k, v in self.env.items() if k == "self" or k.startswith("self.")}
        sub = self.enter(fn, node, args, cls, own if cls is not None else {})
        return None if sub is None else sub.returned(node)

    def class_method(
        self, name: str, method: str, node: cst.Call, args: list[tuple[cst.Arg, Value]]
    ) -> Value | None:
        """``ControlNetModel.from_pretrained(...)``, where a class of the file defines
        ``from_pretrained`` as a classmethod (its ``cls`` is the class) or a
        staticmethod: followed. None when it is not one, or not followed."""
        w = self.w
        known = self.lookup(name)
        if not self.entry or (known is not None and known.kind is not None):
            return None  # (a variable of that name, not the class)
        cls = w.local_modules.get(name) or w.local_classes.get(name) or w.cpu_datasets.get(name)
        fn = w.methods(cls).get(method) if cls is not None else None
        if cls is None or fn is None:
            return None
        decorators = {dotted(d.decorator) for d in fn.decorators}
        params = [*fn.params.posonly_params, *fn.params.params]
        if "classmethod" in decorators and params:
            own = {params[0].name.value: Value(Kind.FUNCTION, origin=CLASS + name)}
        elif "staticmethod" in decorators:
            own = {}
        else:
            return None
        sub = self.enter(fn, node, args, cls, own)
        return None if sub is None else sub.returned(node)

    def construct(
        self, cls: ClassFacts, node: cst.Call, args: list[tuple[cst.Arg, Value]]
    ) -> dict[str, Value]:
        """The ``self.`` attributes ``cls.__init__`` sets, run on this call's arguments."""
        init = self.w.methods(cls).get("__init__")
        if init is None and _record_class(cls) and "__post_init__" not in cls.methods:
            # A dataclass (or a NamedTuple) stores its arguments as its fields (unless
            # its __post_init__ does more with them).
            return {f"self.{a.keyword.value}": v for a, v in args if a.keyword is not None}
        if init is None:
            self.escape_args(args)
            return {}
        sub = self.enter(init, node, args, cls, {})
        if sub is None:
            self.escape_args(args)
            return {}
        return {k: unpass(v, node) for k, v in sub.env.items() if k.startswith("self.")}

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
        if obj.kind == Kind.OBJECT:
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
        return replace(
            new_value(Kind.DATASET, Place.CPU, None, Event("create", node)), items=(item,)
        )

    def returned(self, call: cst.Call) -> Value:
        """What this walk of a function returned, back with the caller of ``call``: a
        generator's call returns its items, as a list of what it yields does (not a
        ``@contextmanager``'s, which the ``with`` statement enters)."""
        if self.yields:
            if self.contextmanager:
                return UNKNOWN
            return Value(Kind.LIST, items=(unpass(reduce(merge_values, self.yields), call),))
        if not self.returns:
            return UNKNOWN
        return unpass(reduce(merge_values, self.returns), call)

    def enter(
        self,
        fn: cst.FunctionDef,
        node: cst.Call,
        args: list[tuple[cst.Arg, Value]],
        cls: ClassFacts | None,
        own: dict[str, Value],
        label: str = "",
    ) -> Expressions | None:
        """``_enter``, reading names as the file that defines ``cls`` does (a class of
        another file of the project, whose instance this file made)."""
        home = self.w.home_of(cls) if cls is not None else None
        with self.w.within(home, node):
            return self._enter(fn, node, args, cls, own, label)

    def recursion(
        self, fn: cst.FunctionDef, node: cst.Call, args: list[tuple[cst.Arg, Value]]
    ) -> Value | None:
        """``convert_model(child)`` inside ``convert_model``, which is not walked again:
        when the function is a converter that builds a module on the CPU and attaches
        it in place of a child (``converters.py``), and the child is a part of a
        placed model, that model gets CPU weights. Such a converter hands back the
        module it was given, converted; None (not followed) for any other recursion."""
        made = converters.made_module(fn, self.w.home)
        given = next(((a, v) for a, v in args if a.keyword is None), None)
        if made is None or given is None:
            return None
        self.late_assign(
            dotted(given[0].value),
            new_value(Kind.MODULE, Place.CPU, None, Event("create", made)),
            made,
        )
        return given[1]

    def _enter(
        self,
        fn: cst.FunctionDef,
        node: cst.Call,
        args: list[tuple[cst.Arg, Value]],
        cls: ClassFacts | None,
        own: dict[str, Value],
        label: str = "",
    ) -> Expressions | None:
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
        sub = type(self)(w, env, self.depth + 1, (*self.stack, fn), cls)
        sub.contextmanager = any(d and d.endswith("contextmanager") for d in decorators)
        sub.entry = self.entry
        sub.in_forward = self.in_forward or bool(label)
        sub.gpu_evidence = self.gpu_evidence
        sub.autocast = self.autocast
        # Submodules the callee attaches are judged at the end of the outermost walk,
        # where later moves of the model are seen; stale names are the callee's own.
        pending, moved_away = dict(w.pending_late), w.moved_away
        w.pending_late.clear()
        w.moved_away = {}
        sub.top = frozenset(id(s) for s in fn.body.body)
        try:
            sub.body(fn.body.body)
        finally:
            for attached, (ident, *_) in w.pending_late.items():
                holder = next((k for k, v in self.env.items() if v.ident == ident), None)
                if isinstance(self.stmt, cst.SimpleStatementLine) and holder is not None:
                    # The call (here) that attached it, where the model has this name:
                    # the line to change. The outermost such call wins.
                    w.late_calls[attached] = (self.stmt, holder)
            w.pending_late.update(pending)
            w.moved_away = moved_away
        # A module handed over and moved or cast in place is moved for the caller too.
        for _, value in bound.values():
            if value.kind in (Kind.MODULE, Kind.WRAPPER, Kind.OPTIMIZER) and value.ident:
                final = next((v for v in sub.env.values() if v.ident == value.ident), None)
                if final is not None:
                    self.update_ident(value.ident, unpass(final, node))
        self.gpu_evidence = self.gpu_evidence or sub.gpu_evidence
        return sub

    def default(self, node: cst.BaseExpression | None) -> Value:
        """A parameter's default, when it says a device or a dtype (``device="cpu"``)."""
        if node is None:
            return UNKNOWN
        if isinstance(node, cst.SimpleString):
            device, expr = self.device_of(node)
            return Value(Kind.DEVICE, device, None, expr) if device else UNKNOWN
        dtype = torch_dtype(node, self.w.analysis)
        return Value(Kind.DTYPE, None, dtype) if dtype else UNKNOWN

    def observe_call(
        self, node: cst.Call, callee: str, module: Value, args: list[tuple[cst.Arg, Value]]
    ) -> None:
        env = dict(self.env)
        followed = False
        if module.kind == Kind.WRAPPER and self.w.pending_wraps:
            # A DataParallel called before it was placed: a later move comes too late.
            for wrap, ident in list(self.w.pending_wraps.items()):
                if ident == module.ident:
                    del self.w.pending_wraps[wrap]
        if module.origin.startswith("local:") and module.ident:
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
            followed = self.method_of(module, "forward", node, inputs, callee) is not None
        self.w.facts.calls.add(
            node,
            CallObs(
                node, callee, module, tuple(args), env, self.autocast > 0, followed, self.in_forward
            ),
            self.depth,
        )
        if module.origin in LOSSES:
            effects.loss(self, node, module.origin, args)
        for arg, value in args:
            if value.kind == Kind.TENSOR and value.ident:
                stale = self.w.moved_away.get(value.ident)
                if stale is not None:
                    name = dotted(arg.value)
                    if name is not None and name != stale[0]:
                        self.w.facts.stale.add(node, (arg, stale[0], stale[1]), self.depth)


def _instance_attrs(obj: Value, attrs: dict[str, Value]) -> dict[str, Value]:
    """An instance's attributes when one of its methods runs: a module's submodules
    and parameters are where the module is now (moved and cast with it)."""
    if obj.kind not in (Kind.MODULE, Kind.WRAPPER):
        return dict(attrs)
    out = {}
    for key, value in attrs.items():
        if value.kind in (Kind.MODULE, Kind.WRAPPER) or value.origin == "parameter":
            value = replace(
                value,
                device=obj.device,
                dtype=obj.dtype if value.kind in (Kind.MODULE, Kind.WRAPPER) else value.dtype,
                device_expr=obj.device_expr,
                events=obj.events,
                part_of=obj.ident,
            )
        out[key] = value
    return out


def _record_class(cls: ClassFacts) -> bool:
    """A class whose generated ``__init__`` only stores its arguments: a dataclass,
    a NamedTuple."""
    decorators = {
        (
            dotted(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator) or ""
        ).rsplit(".", 1)[-1]
        for d in cls.node.decorators
    }
    if "dataclass" in decorators:
        return True
    return any(b.rsplit(".", 1)[-1] == "NamedTuple" for b in cls.bases)
