"""The evidence of one unit of a file (a top-level ``def`` or ``class``, or the
module-level code), gathered in one walk of its ``ast``: the tags, and what
``finish()`` needs to read the tags that depend on the whole unit."""

from __future__ import annotations

import ast

from torchlint.analysis.effects import FACTORIES as _FLOW_FACTORIES
from torchlint.analysis.torch_api import (
    FACTORY_FUNCTIONS,
    LEGACY_TENSOR_TYPES,
    MODEL_LOADERS,
    NUMPY_CONVERSIONS,
    TENSOR_ATTRIBUTE_FACTORIES,
    TENSOR_METHODS,
    makes_module,
)
from torchlint.screen.file import File
from torchlint.screen.tags import (
    ACCELERATOR,
    CALLABLE_MODULE,
    CLASS,
    CONTAINERS,
    CPU_DATA,
    CUDA_CALL,
    CUDA_LITERAL,
    CUDA_TEST,
    DATA_ASSIGN,
    DEVICE_NAME,
    DISCARDABLE,
    DISCARDED_MOVE,
    DTYPE_KEYWORDS,
    FACTORY_WITHOUT_DEVICE,
    FLOAT64,
    FLOAT64_WORDS,
    FROM_NUMPY,
    HALF_CAST,
    HALF_WORDS,
    INIT_MODULE_CONTAINER,
    INIT_TENSOR_ATTR,
    LATE_MODULE,
    LEGACY_CONSTRUCTOR,
    LEGACY_TYPE_CAST,
    MODULE_SOURCE,
    NARROW_ATTRIBUTES,
    NARROW_CAST,
    NARROW_WORDS,
    NUMPY_CALL,
    OPTIMIZER_BUILT,
    PARALLEL_WRAP,
    PLACED_MODULE,
    PLACING_KEYWORDS,
    SAVE,
    STALE_ALIAS,
    TARGET_DTYPE,
    TORCH_LOAD,
    TYPE_CAST_ARGUMENT,
    WORD_TAGS,
)
from torchlint.screen.trees import (
    FIELDS,
    dotted,
    fields_of,
    is_device_move,
    is_type_cast,
    last_name,
    nodes_under,
    on_cpu,
    roots_of,
    sources,
    within,
    words_of,
    writes_file,
)


class Unit:
    """The evidence of one unit, gathered in one walk."""

    def __init__(self, file: File) -> None:
        self.file = file
        self.tags: set[str] = set()
        self.classes = file.classes
        self.qualify = file.qualify
        self.imported = file.imported
        self.modules: set[str] = set()  # names assigned a module
        self.moved: set[str] = set()  # names assigned the result of a move
        self.receivers: set[str] = set()  # what .to()/.cuda() was called on
        self.called: set[str] = set()  # names called like functions
        self.named: set[str] = set()  # every name read: a function of the file as a value
        self.attached: set[str] = set()  # parents a module was attached to
        self.aliases: list[tuple[str, str]] = []
        self.shared: set[str] = set()  # names that may share a value with another name
        self.alias_pairs: list[tuple[str, str]] = []  # (b, a) of `b = a`
        self.arguments: set[str] = set()  # names passed to a call: f(x), f(y=x)
        self.rebound: set[str] = set()  # x and y of `x = y.to(...)`
        self.dtype_names: set[str] = set()  # variables passed as a dtype
        self.valued: list[tuple[set[str], ast.expr]] = []  # names and the value they get
        self.empty_containers = False
        self.numpy_data = False
        self.converted: set[str] = set()  # what .numpy() / np.asarray() is applied to
        self.init_calls: set[int] = set()  # calls inside __init__ (walked first)
        self.to_torch = False
        self.discarded: set[str] = set()  # x of a bare `x.to(device)` statement
        self.assigned: set[str] = set()  # names assigned in the unit
        self.derived: list[tuple[str, set[str]]] = []  # (b, roots of a) of b = a.f()[0]
        self.appended_module = False
        self.params: set[str] = set()  # parameters of the unit's functions
        self.handed: set[str] = set()  # names passed to a function of the file
        self.init_nodes: set[int] = set()  # every node inside __init__ (walked first)
        self.late_self_aliases: set[str] = set()  # b of `self.x = b` outside __init__
        self.late_self_attach = False  # see attach_self()
        self.functions = file.functions
        self.tensor_locals: set[str] = set()  # of __init__: see init()
        self.on_self: set[str] = set()  # x of every self.x: the methods called on self
        self.defined: list[ast.FunctionDef | ast.AsyncFunctionDef] = []  # every def
        self.init_self_calls: set[str] = set()  # m of self.m(...) in __init__
        self.init_helpers: set[str] = set()  # f of self.x = f(...) in __init__
        # parameters defaulting to None of the functions TL301 reads (device=None)
        self.none_params: set[str] = set()

    def merge(self, other: Unit) -> None:
        """Add what ``other`` (a walk of another part of the same file) gathered, as
        if this unit's walk had covered that part too."""
        for key, value in vars(other).items():
            if isinstance(value, set):
                getattr(self, key).update(value)
            elif isinstance(value, list):
                getattr(self, key).extend(value)
            elif isinstance(value, bool):
                setattr(self, key, getattr(self, key) or value)

    def is_tensor_expr(self, node: ast.AST) -> bool:
        """``_is_tensor_expr`` of TL301 (``checks/module_state.py``), on the ast."""
        if isinstance(node, ast.Call):
            name = dotted(node.func)
            q = (self.qualify(name) if name is not None else None) or ""
            if q.startswith("torch.nn."):
                return False
            if any(
                k.arg == "device"
                and not _own_device(k.value)
                and not (isinstance(k.value, ast.Name) and k.value.id in self.none_params)
                for k in node.keywords
            ):
                return False  # (device=self.inv_freq.device: where the module is built)
            if q.endswith((".tensor", ".as_tensor")) and not (
                node.args and isinstance(node.args[0], (ast.List, ast.Tuple, ast.ListComp))
            ):
                return False
            values = [*node.args, *(k.value for k in node.keywords)]
            if q.startswith("torch.") and any(self.is_tensor_expr(a) for a in values):
                return True
            if q.startswith("torch.") and q.rsplit(".", 1)[-1] in TENSOR_ATTRIBUTE_FACTORIES:
                return True
            return (
                isinstance(node.func, ast.Attribute)
                and node.func.attr in (*TENSOR_METHODS, "to")  # (to: TL301's .to(dtype))
                and self.is_tensor_expr(node.func.value)
            )
        if isinstance(node, ast.Starred):
            return self.is_tensor_expr(node.value)  # torch.cat([*xs]) -> no; kept simple
        if isinstance(node, (ast.List, ast.Tuple)):  # torch.cat([a.sin(), a.cos()])
            return any(self.is_tensor_expr(e) for e in node.elts)
        if isinstance(node, ast.Name):
            return node.id in self.tensor_locals  # t = torch.ones(n); self.t = t
        if isinstance(node, ast.BinOp):
            return self.is_tensor_expr(node.left) or self.is_tensor_expr(node.right)
        if isinstance(node, ast.Subscript):
            # Over-approximates TL301's rule (it skips all-integer indices, t[0]).
            return self.is_tensor_expr(node.value)
        return False

    def is_module_source(self, call: ast.Call) -> bool:
        """A call the flow analysis takes to create a module (``library_call`` in
        ``analysis/effects.py``, ``call`` in ``analysis/expressions.py``):
        ``torch.nn.X(...)`` however imported, a class of the file, ``from_pretrained``
        (any owner), ``timm.create_model``, ``torchvision.models.*``. (PEFT and the
        parallel wrappers only wrap a module that was made by one of these.)"""
        if isinstance(call.func, ast.Attribute) and call.func.attr in MODEL_LOADERS:
            return True
        name = dotted(call.func)
        if name is None:
            return False
        q = self.qualify(name)
        if q is None:
            return name in self.classes
        return makes_module(q)

    def value_is_module(self, node: ast.AST) -> bool:
        # nn.Linear(...), Net().half().to(device), timm.create_model(...).eval()
        if isinstance(node, ast.IfExp):  # nn.Linear(...) if n else nn.Identity()
            return self.value_is_module(node.body) or self.value_is_module(node.orelse)
        while isinstance(node, ast.Call):
            if self.is_module_source(node):
                return True
            if not isinstance(node.func, ast.Attribute):
                return False
            node = node.func.value
        name = dotted(node)
        return name is not None and within(name, self.modules)

    def walk(self, root: ast.AST) -> None:
        tags = self.tags
        imported = self.imported
        # nodes_under() inlined: a third of the screen's time is spent walking.
        stack: list[object] = [root]
        pop, push, extend = stack.pop, stack.append, stack.extend
        while stack:
            node = pop()
            kind = type(node)
            names = FIELDS.get(kind)
            if names is None:
                if not isinstance(node, ast.AST):
                    continue  # an identifier in a list (global a, b), None in a dict
                names = fields_of(node)
            for name in names:
                value = getattr(node, name, None)
                if type(value) is list:
                    extend(value)
                elif value is not None:
                    push(value)
            if kind is ast.Name:
                word = node.id  # type: ignore[attr-defined]
                self.named.add(word)
                if word == "device":
                    tags.add(DEVICE_NAME)
                found = WORD_TAGS.get(imported.get(word, word))
                if found is not None:
                    tags |= found
            elif kind is ast.Attribute:
                found = WORD_TAGS.get(node.attr)  # type: ignore[attr-defined]
                if found is not None:
                    tags |= found
                attr = node.attr  # type: ignore[attr-defined]
                if attr == "is_cuda" or (
                    attr == "type"
                    and type(node.value) is ast.Attribute  # type: ignore[attr-defined]
                    and node.value.attr == "device"  # type: ignore[attr-defined]
                ):
                    tags.add(CUDA_TEST)  # x.is_cuda, x.device.type == "cuda"
                value = node.value  # type: ignore[attr-defined]
                if type(value) is ast.Name and value.id == "self":
                    self.on_self.add(node.attr)  # type: ignore[attr-defined]
            elif kind is ast.Call:
                self.call(node)  # type: ignore[arg-type]
            elif kind is ast.Constant:
                value = node.value  # type: ignore[attr-defined]
                if type(value) is str and value.startswith("cuda"):
                    tags.add(CUDA_LITERAL)
                if type(value) is str and len(value) <= 40:
                    found = WORD_TAGS.get(value.split(":", 1)[0])
                    if found is not None:
                        tags |= found
            elif kind is ast.Expr:
                value = node.value  # type: ignore[attr-defined]
                if (
                    type(value) is ast.Call
                    and type(value.func) is ast.Attribute
                    and value.func.attr in DISCARDABLE
                ):
                    receiver = dotted(value.func.value)
                    if receiver is not None:
                        self.discarded.add(receiver)
                        if is_device_move(value):
                            # A bare `model.to(device)` on a name the flow analysis
                            # does not know: it takes it for a module moved in place.
                            tags.update((PLACED_MODULE, CALLABLE_MODULE))
                            self.modules.add(receiver)
            elif kind is ast.Assign or kind is ast.AnnAssign:
                self.assign(node)  # type: ignore[arg-type]
            elif kind is ast.For or kind is ast.AsyncFor or kind is ast.comprehension:
                if kind is not ast.comprehension:
                    # The flow analysis knows what a loop over a DataLoader binds.
                    self.assigned |= {
                        p
                        for sub in nodes_under(node.target)  # type: ignore[attr-defined]
                        if (p := dotted(sub)) is not None
                    }
                if isinstance(node.iter, (ast.List, ast.Tuple)):  # type: ignore[attr-defined]
                    # for t in (x, y): t is x, then y
                    self.share(node.target)  # type: ignore[attr-defined]
                    self.share(node.iter)  # type: ignore[attr-defined]
                    self.assigned |= self.shared
            elif kind is ast.NamedExpr:
                self.share(node.target)  # type: ignore[attr-defined]
                self.share(node.value)  # type: ignore[attr-defined]
            elif kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
                self.defined.append(node)  # type: ignore[arg-type]
                if node.name == "__init__":  # type: ignore[attr-defined]
                    self.init(node)  # type: ignore[arg-type]
            elif kind is ast.ClassDef:
                tags.add(CLASS)
            elif kind is ast.arg:
                self.params.add(node.arg)  # type: ignore[attr-defined]
                if node.arg == "device":  # type: ignore[attr-defined]
                    tags.add(DEVICE_NAME)

    def call(self, node: ast.Call) -> None:
        tags = self.tags
        func = node.func
        last = last_name(func)
        if self.is_module_source(node):
            tags.add(MODULE_SOURCE)
            if any(k.arg in PLACING_KEYWORDS for k in node.keywords):
                tags.add(PLACED_MODULE)  # nn.Linear(..., device=d), device_map="auto"
        if any(k.arg in PLACING_KEYWORDS for k in node.keywords):
            tags.add(ACCELERATOR)
        if last == "prepare" or last == "initialize" or last == "set_device":
            # accelerator.prepare(model), deepspeed.initialize(model=...)
            tags.update((ACCELERATOR, PLACED_MODULE))
        if last == "cuda" and isinstance(func, ast.Attribute):
            tags.update((CUDA_LITERAL, CUDA_CALL))
        if last is not None and writes_file(last):
            tags.add(SAVE)
        if last == "numpy" and isinstance(func, ast.Attribute) and not on_cpu(func.value):
            self.converted.update(roots_of(func.value))
        name = dotted(func)
        if name is not None:
            self.called.add(name)
            q = self.qualify(name)
            if q is not None:
                if q in ("torch.load", "torch.serialization.load"):
                    tags.add(TORCH_LOAD)
                elif "DataParallel" in q:
                    tags.add(PARALLEL_WRAP)
                elif q.startswith("torch.") and q.rsplit(".", 1)[-1] in _FLOW_FACTORIES:
                    tags.add(CPU_DATA)  # on the CPU unless device= says otherwise
                elif q.startswith("torchvision.datasets."):
                    tags.add(CPU_DATA)  # a DataLoader over it yields CPU batches
                elif q.startswith("torch.optim.") and q.rsplit(".", 1)[-1][:1].isupper():
                    tags.add(OPTIMIZER_BUILT)
                if q.startswith("torch.") and q.rsplit(".", 1)[-1] in FACTORY_FUNCTIONS:
                    if id(node) not in self.init_calls and not any(
                        k.arg == "device" for k in node.keywords
                    ):
                        tags.add(FACTORY_WITHOUT_DEVICE)  # outside __init__ (TL401)
                    if q in FROM_NUMPY:
                        self.to_torch = True
                elif q.startswith("numpy."):
                    self.numpy_data = True  # float64 unless told otherwise
                    if q[len("numpy.") :] in NUMPY_CONVERSIONS and node.args:
                        if not on_cpu(node.args[0]):
                            self.converted.update(roots_of(node.args[0]))

        local_callee = name is None or self.qualify(name) is None
        # A function of the file (or a method, through self) is followed by the flow
        # analysis: what is passed to it may get submodules attached there.
        follows = name is not None and (
            name in self.functions
            or (name.startswith("self.") and name.count(".") == 1)
            or self.file.in_project(name)  # a function of another file of the project
        )
        for value in [*node.args, *(k.value for k in node.keywords)]:
            if follows:
                passed_path = dotted(value)
                if passed_path is not None:
                    self.handed.add(passed_path)
            if local_callee and is_type_cast(value):
                # self.vpm(x.type(dtype)); not torch.cat(...), an imported function
                tags.add(TYPE_CAST_ARGUMENT)
            passed = dotted(value.value if isinstance(value, ast.Starred) else value)
            if passed is not None:
                self.arguments.add(passed)
        if is_type_cast(node):
            argument = node.args[0] if node.args else node.keywords[0].value
            word = last_name(argument)
            if (
                (isinstance(argument, ast.Constant) and "Tensor" in str(argument.value))
                or (word is not None and self.imported.get(word, word).endswith("Tensor"))
                or (
                    isinstance(argument, ast.Call)
                    and last_name(argument.func) == "type"
                    and not argument.args
                )
            ):
                tags.add(LEGACY_TYPE_CAST)
        if last is not None and self.imported.get(last, last) in LEGACY_TENSOR_TYPES:
            tags.add(LEGACY_CONSTRUCTOR)
        if (last == "double" and isinstance(func, ast.Attribute)) or last == "DoubleTensor":
            tags.add(FLOAT64)
        if last == "from_pretrained" and isinstance(func, ast.Attribute):
            owner = (dotted(func.value) or "").lower()
            if any(
                k in owner for k in ("token", "processor", "featureextractor", "feature_extractor")
            ):
                tags.add(CPU_DATA)  # a tokenizer: what it returns is on the CPU
        if (last in NARROW_ATTRIBUTES and isinstance(func, ast.Attribute)) or (
            last in NARROW_WORDS and last.endswith("Tensor")
        ):
            tags.add(NARROW_CAST)  # x.int(), torch.IntTensor(...)
        if (last in ("half", "bfloat16") and isinstance(func, ast.Attribute)) or last in (
            "HalfTensor",
            "BFloat16Tensor",
        ):
            tags.add(HALF_CAST)
        elif last in ("to", "type", "astype") and isinstance(func, ast.Attribute):
            self.dtype_argument([*node.args, *(k.value for k in node.keywords)])
        for keyword in node.keywords:
            if keyword.arg in DTYPE_KEYWORDS:
                self.dtype_argument([keyword.value])
        if is_device_move(node):
            tags.add(ACCELERATOR)
            receiver = func.value  # type: ignore[attr-defined]
            if self.value_is_module(receiver):
                tags.add(PLACED_MODULE)
            path = dotted(receiver)
            if path is not None:
                self.receivers.add(path)
        if isinstance(func, ast.Attribute) and last in ("add_module", "register_module"):
            path = dotted(func.value)
            if path is not None:
                self.attached.add(path)
                self.attach_self(path, node)
        if isinstance(func, ast.Name) and last == "setattr" and node.args:
            path = dotted(node.args[0])
            if path is not None:
                self.attached.add(path)
                self.attach_self(path, node)

    def attach_self(self, parent: str, node: ast.AST) -> None:
        """A module attached to ``self`` outside ``__init__``: when the class's
        instance is placed and then the method runs (the flow analysis follows it
        from an entry), the new module is attached after placement."""
        if (parent == "self" or parent.startswith("self.")) and id(node) not in self.init_nodes:
            self.late_self_attach = True

    def dtype_argument(self, values: list[ast.expr]) -> None:
        """A dtype passed on: half if spelled so (``torch.float16``, ``th.half``), or
        if it is a variable the unit assigns something half to. (The flow analysis
        reads no dtype from strings or calls here.)"""
        for value in values:
            if isinstance(value, (ast.Name, ast.Attribute)):
                word = last_name(value) or ""
                word = self.imported.get(word, word)
                if word in HALF_WORDS:
                    self.tags.add(HALF_CAST)
                elif word in NARROW_WORDS or word in NARROW_ATTRIBUTES:
                    self.tags.add(NARROW_CAST)
                elif word in FLOAT64_WORDS:
                    self.tags.add(FLOAT64)
                else:
                    path = dotted(value)
                    if path is not None:
                        self.dtype_names.add(path)

    def share(self, node: ast.AST) -> None:
        for sub in nodes_under(node):
            path = dotted(sub)
            if path is not None:
                self.shared.add(path)

    def assign(self, node: ast.Assign | ast.AnnAssign) -> None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = node.value
        if value is None:
            return
        if len(targets) > 1:
            for target in targets:  # a = b = x
                self.share(target)
        if any(isinstance(t, ast.Attribute) and t.attr == "data" for t in targets):
            self.tags.add(DATA_ASSIGN)
        if isinstance(value, (ast.Name, ast.Attribute, ast.IfExp, ast.BoolOp, ast.Tuple, ast.List)):
            # b = a, b = a or c, a, b = x, y: b shares a's value, if a has a known one
            names = [p for t in targets for sub in nodes_under(t) if (p := dotted(sub)) is not None]
            for source in sources(value):
                self.alias_pairs.extend((name, source) for name in names)
            whole = dotted(value)
            if whole is not None:
                self.aliases.extend((p, whole) for t in targets if (p := dotted(t)) is not None)
                if id(node) not in self.init_nodes and any(
                    (dotted(t) or "").startswith("self.") for t in targets
                ):
                    self.late_self_aliases.add(whole)
        is_module = self.value_is_module(value) or (
            # what a function of the file returns may be a module
            isinstance(value, ast.Call) and dotted(value.func) in self.functions
        )
        moves = isinstance(value, ast.Call) and is_device_move(value)
        if isinstance(value, (ast.Name, ast.Attribute, ast.IfExp, ast.BoolOp, ast.Call)):
            # What dtype the names get is read in finish(), for the few passed as one.
            paths = {p for t in targets if (p := dotted(t)) is not None}
            if paths:
                self.valued.append((paths, value))
        if moves:
            assert isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)
            receiver = dotted(value.func.value)
            if receiver is not None:
                self.rebound.add(receiver)
        roots = roots_of(value)
        for target in targets:
            path = dotted(target)
            if path is not None and roots:
                self.derived.append((path, roots))
            if path is None:
                self.assigned |= {
                    p for sub in nodes_under(target) if (p := dotted(sub)) is not None
                }
                continue
            self.assigned.add(path)
            if is_module:
                self.modules.add(path)
                if "." in path:
                    self.attached.add(path.rsplit(".", 1)[0])
                    self.attach_self(path.rsplit(".", 1)[0], node)
            if moves:
                self.moved.add(path)
                self.rebound.add(path)

    def tensor_locals_of(self, node: ast.AST) -> None:
        # TL301 follows a local name to its value, and a helper of the file to what it
        # returns: locals assigned a tensor, in any order (over-approximated).
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            positional = [*args.posonlyargs, *args.args]
            for arg, default in (
                *zip(
                    positional[len(positional) - len(args.defaults) :], args.defaults, strict=True
                ),
                *zip(args.kwonlyargs, args.kw_defaults, strict=True),
            ):
                if isinstance(default, ast.Constant) and default.value is None:
                    self.none_params.add(arg.arg)
        assigns = [s for s in nodes_under(node) if isinstance(s, ast.Assign)]
        while True:
            found = {
                t.id
                for stmt in assigns
                if self.is_tensor_expr(stmt.value)
                for t in stmt.targets
                if isinstance(t, ast.Name)
            }
            if found <= self.tensor_locals:
                break
            self.tensor_locals |= found

    def may_return_tensor(self, helper: str, depth: int) -> bool:
        """A return of the file's function (``f``, ``self.m``) may be a CPU tensor: a
        tensor expression (TL301's ``_returns_tensor``, over-approximated), or what a
        helper it calls returns. A static method through a class (``Cls.m``) may."""
        if helper.startswith("self."):
            found = [m for m in self.defined if m.name == helper[len("self.") :]]
        elif helper in self.file.function_nodes:
            found = [self.file.function_nodes[helper]]
        else:
            return True
        if not found or depth >= 3:
            return bool(found)  # (a method of a base class in another file: not followed)
        for fn in found:
            self.tensor_locals_of(fn)
            for node in _own_returns(fn):
                value = node.value
                if value is None:
                    continue
                if self.is_tensor_expr(value):
                    return True
                call = dotted(value.func) if isinstance(value, ast.Call) else None
                if call is not None and (call in self.functions or call.startswith("self.")):
                    if self.may_return_tensor(call, depth + 1):
                        return True
        return False

    def built(self) -> None:
        """TL301 reads the methods ``__init__`` calls on self (and those they call)
        as part of it: a tensor attribute they set is set while the module is built."""
        methods: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
        for method in self.defined:
            methods.setdefault(method.name, []).append(method)
        todo = [m for m in self.init_self_calls if m in methods and m != "__init__"]
        seen = set(todo)
        while todo:
            for method in methods[todo.pop()]:
                self.tensor_locals_of(method)
                for stmt in nodes_under(method):
                    called = _self_call(stmt)
                    if called is not None and called in methods and called not in seen:
                        seen.add(called)
                        todo.append(called)
                    self.attribute_tags(stmt)

    def init(self, node: ast.FunctionDef) -> None:
        self.tensor_locals_of(node)
        for stmt in nodes_under(node):
            self.init_nodes.add(id(stmt))
            if isinstance(stmt, ast.Call):
                self.init_calls.add(id(stmt))
                called = _self_call(stmt)
                if called is not None:
                    self.init_self_calls.add(called)
            self.attribute_tags(stmt)

    def attribute_tags(self, stmt: ast.AST) -> None:
        """TL301's and TL302's tags for a node of ``__init__`` (or of what it calls on
        self): ``self.x = value``, ``self.layers.append(module)``."""
        if (
            isinstance(stmt, ast.Call)
            and isinstance(stmt.func, ast.Attribute)
            and stmt.func.attr in ("append", "extend", "insert")
            and isinstance(stmt.func.value, ast.Attribute)  # self.layers.append(...)
            and isinstance(stmt.func.value.value, ast.Name)
            and stmt.args
            and any(
                isinstance(sub, ast.Call) and self.is_module_source(sub)
                for sub in nodes_under(stmt.args[-1])
            )
        ):
            self.appended_module = True
        if not isinstance(stmt, (ast.Assign, ast.AnnAssign)) or stmt.value is None:
            return
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        if not any(isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) for t in targets):
            return
        value = stmt.value
        if isinstance(value, CONTAINERS):
            if isinstance(value, (ast.List, ast.Dict)) and not (
                value.elts if isinstance(value, ast.List) else value.keys
            ):
                self.empty_containers = True  # filled by append() below, maybe
            elif any(
                isinstance(sub, ast.Call) and self.is_module_source(sub)
                for sub in nodes_under(value)
            ):
                self.tags.add(INIT_MODULE_CONTAINER)
        helper = dotted(value.func) if isinstance(value, ast.Call) else None
        if self.is_tensor_expr(value):
            self.tags.add(INIT_TENSOR_ATTR)
        elif helper is not None and (
            helper in self.functions
            or (
                helper.count(".") == 1
                # self.method(...), or a static method through a module class
                # of the file: Positions.table(...)
                and (helper.startswith("self.") or helper.split(".")[0] in self.classes)
            )
        ):
            self.init_helpers.add(helper)  # what it returns may be a tensor: finish()
        elif isinstance(value, (ast.List, ast.Tuple)) and value.elts:
            # a list of tensors, or of registered buffers (TL301's other shapes)
            if any(self.is_tensor_expr(e) for e in value.elts) or all(
                isinstance(e, ast.Attribute) for e in value.elts
            ):
                self.tags.add(INIT_TENSOR_ATTR)

    def finish(self, called: bool = False) -> None:
        """Tags that need the whole unit: a module moved by name, a moved value
        called, a module attached to something placed. ``called``: the unit is a
        function the file calls (or a class): the flow analysis follows calls into
        it with the arguments' values, so its parameters are known names."""
        if called:
            self.assigned |= self.params
        names = self.modules
        for a, b in self.aliases:
            if within(b, names):
                names.add(a)
                if "." in a:
                    # model.head = new_head: attached (the walk is in no order, so
                    # new_head may have been seen as a module after this assignment)
                    self.attached.add(a.rsplit(".", 1)[0])
        if any(within(b, names) for b in self.late_self_aliases):
            self.late_self_attach = True
        if any(within(r, names) for r in self.receivers):
            self.tags.add(PLACED_MODULE)
        if self.called & self.moved:
            self.tags.add(PLACED_MODULE)  # m = load().to(device); m(x)
            self.tags.add(CALLABLE_MODULE)
        if MODULE_SOURCE in self.tags:
            self.tags.add(CALLABLE_MODULE)
        placed = self.receivers | self.moved
        # Parts of what was placed: sub = model.get_submodule(n), block = model.layers[0]
        grown = True
        while grown:
            grown = False
            for name, roots in self.derived:
                if name not in placed and any(within(r, placed) for r in roots):
                    placed.add(name)
                    grown = True
        # A module handed to a function of the file may get submodules there.
        self.attached |= {p for p in self.handed if within(p, names)}
        if any(within(p, placed) for p in self.attached):
            self.tags.add(LATE_MODULE)
        if any(within(path, self.assigned | self.modules) for path in self.converted):
            # The flow analysis only knows tensors it saw made or moved in the unit.
            self.tags.add(NUMPY_CALL)
        if self.numpy_data and self.to_torch:
            self.tags.add(FLOAT64)  # torch keeps numpy's float64
        if self.discarded & self.assigned:
            # Only a name the flow analysis knows as a tensor is reported; it knows
            # nothing of parameters and names it never saw assigned.
            self.tags.add(DISCARDED_MOVE)
        # A stale alias: one of two names for a value is re-bound to the moved value
        # while the other is passed to a call. The flow analysis knows the value of
        # a name assigned in the unit, or of a part of a module; anything else (a
        # parameter's attribute) is unknown and shares nothing.
        for name, source in self.alias_pairs:
            if source in self.assigned or within(source, self.modules):
                if (name in self.rebound and source in self.arguments) or (
                    source in self.rebound and name in self.arguments
                ):
                    self.tags.add(STALE_ALIAS)
        if self.rebound & self.shared and self.shared & self.arguments:
            self.tags.add(STALE_ALIAS)  # a = b = x; for t in (x, y)
        for paths, value in self.valued:
            # A variable passed as a dtype, assigned something half / narrow / float64.
            if paths & self.dtype_names:
                words = set().union(*(words_of(sub) for sub in nodes_under(value)))
                if words & HALF_WORDS:
                    self.tags.add(HALF_CAST)
                if words & (NARROW_WORDS | NARROW_ATTRIBUTES):
                    self.tags.add(NARROW_CAST)
                if words & FLOAT64_WORDS:
                    self.tags.add(FLOAT64)
        if self.init_self_calls:
            self.built()
        if self.init_helpers and INIT_TENSOR_ATTR not in self.tags:
            if any(self.may_return_tensor(h, 0) for h in self.init_helpers):
                self.tags.add(INIT_TENSOR_ATTR)  # self.x = helper(...): a CPU tensor, maybe
        if self.empty_containers and self.appended_module:
            self.tags.add(INIT_MODULE_CONTAINER)
        if NARROW_CAST in self.tags or FLOAT64 in self.tags:
            self.tags.add(TARGET_DTYPE)  # a loss target the flow analysis may know


def _self_call(node: ast.AST) -> str | None:
    """``m`` of ``self.m(...)``."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "self"
    ):
        return node.func.attr
    return None


def _own_returns(fn: ast.AST) -> list[ast.Return]:
    """The ``return`` statements of ``fn`` itself (not of functions inside it)."""
    found: list[ast.Return] = []
    stack = list(ast.iter_child_nodes(fn))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return):
            found.append(node)
        elif not isinstance(
            node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
        ):
            stack.extend(ast.iter_child_nodes(node))
    return found


def _own_device(node: ast.AST) -> bool:
    """``self.<attr>.device`` (``_own_device`` of TL301, ``checks/module_state.py``)."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "device"
        and isinstance(node.value, ast.Attribute)
        and isinstance(node.value.value, ast.Name)
        and node.value.value.id == "self"
    )
