"""Calls into the file's (and the project's) own code, followed by walking the
callee: a function with the call's arguments bound to its parameters, a method
through its instance, a classmethod or staticmethod of a class of the file, a class
built (its ``__init__``, a Dataset's ``__getitem__``), a recursive converter read
from its text (``converters.py``). Up to a depth and a budget; anything else is a
call torchlint cannot see."""

from __future__ import annotations

import builtins
from abc import abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import reduce
from pathlib import Path

import libcst as cst

from torchlint.analysis import (
    converters,
    gpus,
    holders,
    loaders,
    numbers,
    optimizers,
    records,
    returns,
    shapes,
)
from torchlint.analysis.dicts import SETTINGS
from torchlint.analysis.facts import ClassFacts
from torchlint.analysis.loops import Loops
from torchlint.analysis.names import dotted
from torchlint.analysis.project import mentions_device
from torchlint.analysis.returns import left_on_cpu
from torchlint.analysis.torch_api import FLOATING_DTYPES, no_grad_decorated, torch_dtype
from torchlint.analysis.values import (
    CLASS,
    CONSTANT,
    LIBRARY,
    NONE,
    NOT_TENSOR,
    TEXT,
    UNKNOWN,
    Event,
    Kind,
    Place,
    Site,
    Value,
    flag,
    keyed,
    merge_values,
    new_value,
    submodule,
    unpass,
)
from torchlint.analysis.walk import Names, Walk
from torchlint.lint.traverse import nodes

# How deep calls to the file's own functions are followed, and how many times per
# file in all (each time walks the callee again, with the call's arguments).
MAX_CALL_DEPTH = 4
MAX_CALLS_FOLLOWED = 400


class Calls(Loops):
    """Following calls; the statements (``flow.py``) say ``body`` and ``late_assign``."""

    @abstractmethod
    def body(self, statements: Sequence[cst.CSTNode]) -> None:
        """Walks ``statements`` in order."""

    @abstractmethod
    def late_assign(
        self,
        parent_path: str | None,
        value: Value,
        stmt: cst.CSTNode,
        what: str = "module",
        name: str = "",
    ) -> None:
        """``value`` attached to ``parent_path`` (``flow.py``)."""

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
            device, expr = (Place.MAYBE, None) if placed else self.made_on()
            module = new_value(
                Kind.MODULE,
                device,
                "float32" if w.analysis.default_dtype is None else None,
                # (the names bound there: a fix that places it may use one)
                Event("create", node, bound=frozenset(self.env)),
                device_expr=expr,
            )
            if w.home is not w.own:
                w.homes[cls] = w.home
                # (named apart from a class of the linted file that has its name)
                where = Path(w.home.path or "").stem
                module = replace(module, origin=f"local:{where}.{name}")
            else:
                module = replace(module, origin=f"local:{name}")
            w.module_classes[module.origin] = cls
            if not self.entry:
                init = cls.method("__init__")
                if init is not None and mentions_device(init):
                    module = replace(module, device=Place.MAYBE)  # (not walked: may place)
                return module
            with gpus.building(self, module):
                attrs = self.construct(cls, node, args, module)
            after = attrs.pop("self", module)
            if after.ident == module.ident:
                module = after  # its __init__ ran self.to(device)
            module = holders.built(module, attrs, [v for _, v in args])
            w.objects[module.ident] = (cls, attrs)
            return module
        if not self.entry:
            return None
        if value is not None and value.kind == Kind.FUNCTION and value.ident in w.closures:
            return self.closure(*w.closures[value.ident], node, args)
        if name in w.cpu_datasets:
            if w.home is not w.own:
                w.homes[w.cpu_datasets[name]] = w.home
            return self.instance(w.cpu_datasets[name], node, args)
        cls = w.local_classes.get(name)
        if cls is not None:
            if w.home is not w.own:
                w.homes[cls] = w.home
            optimizer = optimizers.local(self, node, cls, args)
            if optimizer is not None:
                return optimizer
            obj = replace(new_value(Kind.OBJECT, None, None, Event("create", node)), origin=name)
            attrs = self.construct(cls, node, args)
            w.objects[obj.ident] = (cls, attrs)
            getitem = self.w.methods(cls).get("__getitem__")
            if getitem is not None and cls.is_dataset:
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

    def imported(
        self, node: cst.Call, args: list[tuple[cst.Arg, Value]], name: str | None = None
    ) -> Value | None:
        """A call of what another file of the project defines (``from utils import
        wrap_ddp``; ``from .model import Net``; a classmethod, ``Net.load(path)``),
        followed there as a call of this file's own would be; None when it is not
        one, or not followed. ``name``: what the call runs, where the code calls it
        under another name (``criterion = hybrid_loss``)."""
        name = name or dotted(node.func)
        if name is None or not self.entry:
            return None
        found = self.w.imported(name)
        if found is not None:
            home, local = found
            with self.w.within(home, node):
                return self.defined(local, node, args, None)
        if not self.entry:
            return None
        owner, _, method = name.rpartition(".")
        found = self.w.imported(owner) if owner else None
        if found is None or found[0].class_named(found[1]) is None:
            return None
        home, local = found  # Net.from_checkpoint(path): a classmethod of that file
        with self.w.within(home, node):
            return self.class_method(local, method, node, args)

    def follow(
        self,
        fn: cst.FunctionDef,
        node: Site,
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
        if fn in self.stack:
            return self.recursion(fn, node, args, cls, own if cls is not None else {})
        sub = self.enter(fn, node, args, cls, own if cls is not None else {})
        if sub is None:
            return None
        if cls is not None:
            # A method of the same instance (``self._set_cache(...)`` in __init__):
            # the attributes it sets are the instance's from now on.
            # (and where it put the instance: ``self.to(self.device)`` at the end of a
            # base class's ``__init__`` run by ``super().__init__(...)``)
            for key, value in sub.env.items():
                if (key == "self" or key.startswith("self.")) and own.get(key) is not value:
                    self.env[key] = unpass(value, node)
        return returns.handed_back(self, fn, node, sub.returned(node))

    def own_forward(self, node: cst.Call, args: list[tuple[cst.Arg, Value]]) -> bool:
        """``self(x)`` in a method of a module class of the file: its ``forward``,
        walked on this instance, as a call of the module from outside would be."""
        fn = self.w.methods(self.cls).get("forward") if self.cls is not None else None
        if fn is None or fn in self.stack:
            return False
        own = {k: v for k, v in self.env.items() if k == "self" or k.startswith("self.")}
        return self.enter(fn, node, args, self.cls, own, "self") is not None

    def closure(
        self, fn: cst.FunctionDef, definer: Names, node: cst.Call, args: list[tuple[cst.Arg, Value]]
    ) -> Value | None:
        """A call of a function defined in the function being walked (``def
        evaluate(prompt): ... model.generate(ids)`` inside ``main``): walked with the
        enclosing names as they are at the call. What it does to the objects they
        hold (``model.half()``) is done to them here too. Called elsewhere (a
        ``preprocess`` returned by a builder), it sees the names as its scope left
        them."""
        own = dict(self.env if definer is self else definer.env)
        sub = self.enter(fn, node, args, None, own)
        if sub is None:
            return None
        for key, value in sub.env.items() if definer is self else ():
            before = own.get(key)
            if before is not None and before.ident and value.ident == before.ident:
                if value is not before:
                    self.env[key] = unpass(value, node)
        return sub.returned(node)

    def applied(self, node: cst.Call, module: Value, args: list[tuple[cst.Arg, Value]]) -> None:
        """``model.apply(add_hooks)`` with a function of the file: torch calls it on
        every part of the model (and the model itself), so it is walked with a part."""
        if not self.entry or len(args) != 1 or args[0][0].keyword is not None:
            return
        arg, value = args[0]
        name = dotted(arg.value)
        fn = self.w.top_functions.get(name) if name is not None else None
        if fn is None or not (
            value.kind is None or (value.kind == Kind.FUNCTION and value.origin == name)
        ):
            return  # (a variable of that name, not the function)
        self.follow(fn, node, [(arg, submodule(module))], None)

    def class_method(
        self, name: str, method: str, node: cst.Call, args: list[tuple[cst.Arg, Value]]
    ) -> Value | None:
        """``ControlNetModel.from_pretrained(...)``, where a class of the file defines
        ``from_pretrained`` as a classmethod (its ``cls`` is the class) or a
        staticmethod: followed. None when it is not one, or not followed."""
        w = self.w
        known = self.lookup(name)
        if not self.entry or (known and known.kind and known.origin != CLASS + name):
            return None  # (a variable of that name, not the class)
        cls = w.home.class_named(name)
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
        # (``cls()`` built and handed back: the call takes charge of it, as of a factory)
        return None if sub is None else returns.handed_back(self, fn, node, sub.returned(node))

    def construct(
        self,
        cls: ClassFacts,
        node: cst.Call,
        args: list[tuple[cst.Arg, Value]],
        obj: Value | None = None,
    ) -> dict[str, Value]:
        """The ``self.`` attributes ``cls.__init__`` sets, run on this call's arguments;
        with ``obj``, the object made, also ``self`` as __init__ left it."""
        init = self.w.methods(cls).get("__init__")
        if init is None and records.is_record(cls) and "__post_init__" not in cls.methods:
            # A dataclass (or a NamedTuple) stores its arguments as its fields (unless
            # its __post_init__ does more with them), the class body's defaults else.
            return records.fields(cls, args, self.w.analysis)
        if init is None:
            self.escape_args(args)
            return {}
        sub = self.enter(init, node, args, cls, {} if obj is None else {"self": obj})
        if sub is None:
            self.escape_args(args)
            return {}
        return {
            k: unpass(v, node)
            for k, v in sub.env.items()
            if k.startswith("self.") or (k == "self" and obj is not None)
        }

    def method_of(
        self,
        obj: Value,
        method: str,
        node: Site,
        args: list[tuple[cst.Arg, Value]],
        label: str = "",
    ) -> Value | None:
        """``obj.method(...)`` (or ``obj(...)``: ``__call__``, ``forward``) on an instance
        of a class of the file: the method walked with the instance's attributes, which
        it may change for the methods called after it. ``label``: how the call names
        the callee (``model`` for ``model(x)``), for messages."""
        known = self.w.instance(obj) if self.entry else self.w.objects.get(obj.ident)
        if known is None:
            return None
        cls, attrs = known
        fn = self.w.methods(cls).get(method)
        if fn is None:
            return None
        own = {
            "self": obj,
            **holders.instance_attrs(obj, attrs, self.w.part_casts, self.w.aside(cls)),
        }
        sub = self.enter(fn, node, args, cls, own, label)
        if sub is None:
            return None
        if obj.kind == Kind.OBJECT:
            self.w.objects[obj.ident] = (
                cls,
                {k: v for k, v in sub.env.items() if k.startswith("self.")},
            )
        elif obj.kind == Kind.MODULE:
            # (What the method set on self, such as ``self.dtype = torch.float16`` or
            # a part it built, ``self.old_fc = nn.Linear(...)`` where __init__ left
            # None, its other methods read from now on.)
            data = {
                k: v
                for k, v in sub.env.items()
                if k.startswith("self.")
                and k.count(".") == 1
                and (
                    (v.kind in _METHOD_STATE and attrs.get(k) != v)
                    or (v.kind == Kind.MODULE and v.ident not in _idents(attrs.get(k)))
                )
            }
            if data:
                self.w.objects[obj.ident] = (cls, {**attrs, **data})
            moved = holders.after_method(obj, sub.env.get("self"))
            if moved is not None:  # def setgpu(self): self.cuda(self.gpu)
                obj = moved
                self.update_ident(obj.ident, obj)
            cast = _parts_cast(obj, sub.env)
            if cast is not None and isinstance(node, cst.Call):
                # def convert_to_fp16(self): self.inp.half(); self.out.half(): the whole
                # model is that dtype now, cast by this call.
                event = Event("cast", node, cast, path=label or dotted(node.func) or "")
                self.update_ident(obj.ident, replace(obj, dtype=cast, events=(*obj.events, event)))
        return returns.handed_back(self, fn, node, sub.returned(node))

    def instance_data(self, name: str, value: Value) -> None:
        """``model.fp16_enabled = True`` on an instance of a module class of the file:
        its methods read it from now on (data only: a flag, a dtype, a device)."""
        if value.kind not in _INSTANCE_DATA:
            return
        head, _, attr = name.partition(".")
        holder = self.lookup(head)
        if holder is None or holder.kind != Kind.MODULE or not holder.ident:
            return
        known = self.w.objects.get(holder.ident)
        if known is not None:
            self.w.objects[holder.ident] = (known[0], {**known[1], f"self.{attr}": value})

    def instance(self, cls: ClassFacts, node: cst.Call, args: list[tuple[cst.Arg, Value]]) -> Value:
        """``Dataset(...)`` of a Dataset class of the file: what its ``__getitem__``
        returns, with ``__init__`` run on this call's arguments; an instance whose other
        methods are walked with the attributes ``__init__`` set."""
        methods = self.w.methods(cls)
        attrs = self.construct(cls, node, args)
        item = UNKNOWN
        getitem = methods.get("__getitem__")
        if getitem is not None:
            sub = self.enter(getitem, node, [], cls, attrs)
            if sub is not None:
                item = sub.returned(node)
        made = new_value(Kind.DATASET, Place.CPU, None, Event("create", node))
        self.w.objects[made.ident] = (cls, attrs)  # (its other methods: dataset.unscale(y))
        return replace(made, items=(item,))

    def returned(self, call: Site) -> Value:
        """What this walk of a function returned, back with the caller of ``call``: a
        generator's call returns its items, as a list of what it yields does (not a
        ``@contextmanager``'s, which the ``with`` statement enters)."""
        if self.yields:
            if self.contextmanager:
                return UNKNOWN
            return Value(Kind.LIST, items=(unpass(reduce(merge_values, self.yields), call),))
        returns = self.returns
        if self.dropped:
            # A leaf walk: what is not a tensor has no device to keep; every other
            # base case must set the device itself (not hand its argument back, or
            # only cast it).
            returns = [v for v in returns if v.origin != NOT_TENSOR]
            if not all(self.sets_device(v) for v in returns):
                return UNKNOWN
        if not returns:
            return UNKNOWN
        left = None if self.dropped else left_on_cpu(returns, self.returned_at)
        if left is not None:
            return unpass(left, call)
        return unpass(reduce(merge_values, returns), call)

    def sets_device(self, value: Value) -> bool:
        """``value`` was made or moved in the function walked now (its base case sets
        the device itself: ``return obj.to(DEVICE)``)."""
        event = value.last("create", "move", "place")
        if value.kind is None or event is None or not self.stack:
            return False
        fn = self.stack[-1]
        if fn not in self.w.fn_nodes:
            self.w.fn_nodes[fn] = frozenset(id(n) for n in nodes(fn, cst.CSTNode))
        return id(event.node) in self.w.fn_nodes[fn]

    def rebuilt(self, expr: cst.BaseExpression) -> bool:
        """A return of a leaf walk that only rebuilds a container from recursive
        calls (``{k: move_to_device(v) for k, v in obj.items()}``): left out."""
        if not self.leaf_walk or not self.recursed:
            return False
        if not any(id(c) in self.recursed for c in nodes(expr, cst.Call)):
            return False
        return shapes.structural(expr, lambda n: id(n) in self.recursed)

    def enter(
        self,
        fn: cst.FunctionDef,
        node: Site,
        args: list[tuple[cst.Arg, Value]],
        cls: ClassFacts | None,
        own: dict[str, Value],
        label: str = "",
        again: bool = False,
    ) -> Calls | None:
        """``_enter``, reading names as the file that defines ``cls`` does (a class of
        another file of the project, whose instance this file made)."""
        home = self.w.home_of(cls) if cls is not None else None
        with self.w.within(home, node):
            return self._enter(fn, node, args, cls, own, label, again)

    def recursion(
        self,
        fn: cst.FunctionDef,
        node: Site,
        args: list[tuple[cst.Arg, Value]],
        cls: ClassFacts | None,
        own: dict[str, Value],
    ) -> Value | None:
        """A call of ``fn`` inside ``fn``. ``convert_model(child)``: when the function
        is a converter that builds a module on the CPU and attaches it in place of a
        child (``converters.py``), and the child is a part of a placed model, that
        model gets CPU weights; such a converter hands back the module it was given,
        converted. ``move_to_device(v)`` on a member of what the caller was given
        (``shapes.py``): walked again on a container (a bounded number of times), or
        as a leaf walk on a tensor or a batch. None (not followed) otherwise."""
        made = converters.made_module(fn, self.w.home)
        given = next(((a, v) for a, v in args if a.keyword is None), None)
        if made is not None and given is not None:
            self.late_assign(
                dotted(given[0].value),
                new_value(Kind.MODULE, Place.CPU, None, Event("create", made)),
                made,
            )
            return given[1]
        if fn is not self.stack[-1]:
            return None
        self.recursed.add(id(node))
        values = [v for _, v in args]
        if self.leaf_walk:
            return None
        if any(shapes.container(v) for v in values):
            if self.stack.count(fn) >= shapes.MAX_UNROLL:
                return None
        elif not any(shapes.leaf(v) for v in values):
            return None
        sub = self.enter(fn, node, args, cls, own, again=True)
        return None if sub is None else sub.returned(node)

    def leaf(self, fn: cst.FunctionDef) -> bool:
        """``fn`` calls nothing the walk could follow: only builtins, libraries and
        methods no class of the file defines, and defines no function or lambda. At
        the depth limit such a helper is still followed (``_gaussian_kernel(size,
        sigma)``): it leads nowhere further."""
        w = self.w
        found = w.leaves.get(fn)
        if found is None:
            found = _calls_nothing_followed(w, fn)
            w.leaves[fn] = found
        return found

    def near_leaf(self, fn: cst.FunctionDef) -> bool:
        """``fn`` calls, of the file's functions, only leaves (``morgan_bits(s)``
        calling ``_bits(fp, n)``): at the depth limit it is followed too, and its
        leaves one level further, where the walk ends."""
        w = self.w
        found = w.near_leaves.get(fn)
        if found is None:
            found = _calls_nothing_followed(w, fn, self.leaf)
            w.near_leaves[fn] = found
        return found

    def _enter(
        self,
        fn: cst.FunctionDef,
        node: Site,
        args: list[tuple[cst.Arg, Value]],
        cls: ClassFacts | None,
        own: dict[str, Value],
        label: str = "",
        again: bool = False,
    ) -> Calls | None:
        """Walk ``fn`` for the call ``node``: its parameters bound to ``args``, the
        module's bindings and ``own`` (``self.`` attributes) visible. The walked
        scope, or None when the call is not followed. The "pass" events name the
        callee as ``label`` (``model``) or, by default, ``fn()``. ``again``: a
        recursive call (``recursion`` bounds those), past the depth limit."""
        w = self.w
        too_deep = self.depth >= MAX_CALL_DEPTH and not (
            (self.depth == MAX_CALL_DEPTH and (self.leaf(fn) or self.near_leaf(fn)))
            or (self.depth == MAX_CALL_DEPTH + 1 and self.leaf(fn))
        )
        if (
            (not again and (too_deep or fn in self.stack))
            or w.followed >= MAX_CALLS_FOLLOWED
            or any(a.star == "*" and (v.kind != Kind.TUPLE or not v.items) for a, v in args)
        ):
            return None
        # f(*pair) of a tuple the walk knows (``return train_dl, test_dl``): its items
        # are the positional arguments (a star of anything else is not followed).
        args = [(a, item) for a, v in args for item in (v.items if a.star == "*" else (v,))]
        w.followed += 1
        p = fn.params
        positional = [*p.posonly_params, *p.params]
        decorators = {dotted(d.decorator) for d in fn.decorators}
        if cls is not None and "staticmethod" not in decorators and positional:
            positional = positional[1:]  # self (or cls), bound below
        given = [(a, v) for a, v in args if a.keyword is None and a.star != "**"]
        by_name = {a.keyword.value: (a, v) for a, v in args if a.keyword is not None}
        # f(**options): a dict whose entries the walk knows binds them by name; any
        # other may set every parameter the call does not name.
        opaque = False
        for arg, value in args:
            settings = self.settings(arg.value) if arg.star == "**" else None
            if arg.star == "**" and value.kind == Kind.ENCODING and value.keys:
                for key, item in zip(value.keys, value.items, strict=True):
                    by_name.setdefault(key, (arg, item))
            elif settings is not None:
                for key, item in settings.items():
                    by_name.setdefault(key, (arg, item))
            elif arg.star == "**":
                # (model(**enc) of a tokenizer's output: its ids and mask by name; any
                # other parameter may be set too)
                for key, item in loaders.tokenizer_fields(value).items():
                    by_name.setdefault(key, (arg, item))
                opaque = True
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
        for name, value in env.items():
            # A module-level object as the caller has left it (moved in place).
            now = self.env.get(name)
            if now is not None and value.ident and now.ident == value.ident:
                env[name] = now
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
                env[name] = UNKNOWN if opaque else self.default(param.default)
        if isinstance(p.star_arg, cst.Param):
            # def f(base, *cutters): the positional arguments past the named ones
            rest_given = [v for _, v in given[len(positional) :]]
            env[p.star_arg.name.value] = (
                Value(Kind.TUPLE, items=tuple(rest_given))
                if rest_given and all(v.kind is not None for v in rest_given)
                else UNKNOWN
            )
        if isinstance(p.star_kwarg, cst.Param):
            # def f(x, **kwargs): the keywords no parameter takes, for f to hand on
            named = {q.name.value for q in (*positional, *p.kwonly_params)}
            rest = {k: v for k, (_, v) in by_name.items() if k not in named}
            known = not opaque and all(v.kind is not None for v in rest.values())
            env[p.star_kwarg.name.value] = (
                keyed(list(rest), list(rest.values())) if rest and known else UNKNOWN
            )
        sub = type(self)(w, env, self.depth + 1, (*self.stack, fn), cls)
        given_values = [v for _, v in bound.values()]
        sub.leaf_walk = any(shapes.leaf(v) for v in given_values) and not any(
            shapes.container(v) for v in given_values
        )
        sub.parent, sub.called_at = self, node
        sub.contextmanager = any(d and d.endswith("contextmanager") for d in decorators)
        sub.entry = self.entry
        sub.in_forward = self.in_forward or bool(label)
        sub.replica = self.replica
        sub.gpu_evidence = self.gpu_evidence
        sub.autocast = self.autocast
        sub.no_grad = self.no_grad + no_grad_decorated(w.analysis, fn)
        sub.device_context = self.device_context
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
        holders.after_call(self, sub, [v for _, v in bound.values()], own, node)
        self.gpu_evidence = self.gpu_evidence or sub.gpu_evidence
        return sub

    def settings(self, node: cst.BaseExpression) -> dict[str, Value] | None:
        """``run(**CFG)`` where the module binds ``CFG`` once to a dict it writes out
        (``dict(device="cpu", half=True)``, ``{"device": "cpu"}``) and nothing changes
        it in place, or such a dict written in the call: its entries, constants as a
        parameter's default reads them (others unknown). None otherwise."""
        if isinstance(node, cst.Name):
            analysis = self.w.analysis
            written = analysis.module_assignments.get(node.value, [])
            if len(written) != 1 or node.value in analysis.changed_in_place:
                return None
            node = written[0]
        pairs: list[tuple[str, cst.BaseExpression]] = []
        if isinstance(node, cst.Call) and dotted(node.func) == "dict" and "dict" not in self.env:
            for arg in node.args:
                if arg.keyword is None:
                    return None
                pairs.append((arg.keyword.value, arg.value))
        elif isinstance(node, cst.Dict):
            for element in node.elements:
                key = element.key if isinstance(element, cst.DictElement) else None
                if not isinstance(key, cst.SimpleString):
                    return None
                pairs.append((str(key.evaluated_value), element.value))
        else:
            return None
        return {key: self.default(value) for key, value in pairs}

    def default(self, node: cst.BaseExpression | None) -> Value:
        """A parameter's default, when it says a device or a dtype (``device="cpu"``),
        is a number (``kernel_size=5``), a tuple of them, or ``True``, ``False`` or
        ``None`` (a flag the call leaves as it is)."""
        if node is None:
            return UNKNOWN
        number = numbers.default_number(node)  # (n=len(CLASSES) too)
        if number is not None:
            return number
        if isinstance(node, cst.Name) and node.value == "None":
            return NONE
        if isinstance(node, cst.Name) and node.value in ("True", "False"):
            return flag(node.value)
        if isinstance(node, cst.SimpleString) or (
            isinstance(node, cst.Call) and self.w.analysis.qualify(node.func) == "torch.device"
        ):  # device="cpu", device=torch.device("cpu")
            device, expr = self.device_of(node)
            if device:
                return Value(Kind.DEVICE, device, None, expr)
            # robot="ROBOT": a string, as written (a dict's key, ``TD[robot + "_orig"]``)
            text = node.evaluated_value if isinstance(node, cst.SimpleString) else None
            return Value(None, origin=TEXT + text) if isinstance(text, str) else UNKNOWN
        if isinstance(node, cst.Tuple) and node.elements:
            # size=(320, 320): a non-empty tuple, true as a flag (``if self.size:``)
            items = tuple(self.default(e.value) for e in node.elements)
            return Value(Kind.TUPLE, items=items, origin=CONSTANT + "True")
        dtype = torch_dtype(node, self.w.analysis)
        if dtype:
            return Value(Kind.DTYPE, None, dtype)
        if isinstance(node, cst.Name):
            # cfg=MERGE_CONFIG: a dict of settings the module body bound
            w = self.w
            bound = (w.globals if w.module_scope is None else w.module_scope.env).get(node.value)
            if bound is not None and bound.kind == Kind.OPTIONS and bound.origin == SETTINGS:
                return bound
        q = self.w.analysis.qualify(node) if isinstance(node, (cst.Attribute, cst.Name)) else None
        # optimizer=torch.optim.Adagrad: a library callable, called where it is used
        return Value(Kind.FUNCTION, origin=LIBRARY + q) if q else UNKNOWN


# What a module's methods keep of what is set on ``self`` by another method or from
# outside (``self.dtype = torch.float16``, ``model.fp16_enabled = True``).
_INSTANCE_DATA = frozenset({Kind.NUMBER, Kind.DTYPE, Kind.DEVICE})
# What a method may leave on its module's self for the other methods: data, and the
# tensors it stores (``self._reset_parameters()`` from ``__init__`` building a table).
_METHOD_STATE = _INSTANCE_DATA | {Kind.TENSOR}


def _idents(value: Value | None) -> tuple[int, ...]:
    return (value.ident,) if value is not None and value.ident else ()


def _parts_cast(obj: Value, env: dict[str, Value]) -> str | None:
    """The dtype a method left every submodule of ``obj`` in (``self.<attr>``), when
    it cast each one itself and the model as a whole was not cast."""
    parts = [
        v
        for k, v in env.items()
        if k.count(".") == 1 and k.startswith("self.") and v.kind == Kind.MODULE
    ]
    own = env.get("self")
    if not parts or (own is not None and own.dtype != obj.dtype):
        return None
    casts = [v.last("cast") for v in parts]
    dtypes = {c.detail for c in casts if c is not None}
    if len(dtypes) != 1 or any(c is None or c in obj.events for c in casts):
        return None
    dtype = dtypes.pop()
    return dtype if dtype in FLOATING_DTYPES and dtype != obj.dtype else None


_BUILTINS = frozenset(dir(builtins))


def _calls_nothing_followed(
    w: Walk, fn: cst.FunctionDef, through: Callable[[cst.FunctionDef], bool] | None = None
) -> bool:
    """``fn`` calls nothing the walk could follow; with ``through``, nothing but
    functions of its own file that ``through`` accepts (leaves)."""
    methods = {m for c in w.home.analysis.classes.values() for m in c.methods}
    imports = w.home.analysis.imports
    for node in nodes(fn.body, (cst.Call, cst.FunctionDef, cst.ClassDef, cst.Lambda)):
        if type(node) is not cst.Call:
            return False
        func = node.func
        name = dotted(func)
        callee = w.top_functions.get(func.value) if type(func) is cst.Name else None
        if through is not None and callee is not None and callee is not fn:
            if through(callee):
                continue
            return False
        if name is not None and w.imported(name) is not None:
            return False
        if type(func) is cst.Name:
            # a builtin, or a library function imported by name; not a parameter or
            # a local variable, which may hold one of the file's functions
            if func.value not in _BUILTINS and imports.qualify(func) is None:
                return False
        elif type(func) is cst.Attribute:  # x.sum(), kernel.expand(...).contiguous()
            if func.attr.value in methods or (name or "").split(".", 1)[0] in ("self", "cls"):
                return False
        else:
            return False  # make()(x), handlers[k](x)
    return True
