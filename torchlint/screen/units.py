"""The evidence of one unit of a file (a top-level ``def`` or ``class``, or the
module-level code), gathered in one walk of its ``ast``: the tags, and what
``finish()`` needs to read the tags that depend on the whole unit."""

from __future__ import annotations

import ast

from torchlint.analysis.effects import INERT_BUILTINS
from torchlint.analysis.torch_api import (
    DETECTION_BUILDERS,
    GPU_STRINGS,
    MODEL_LOADERS,
    NON_ATTACHING_METHODS,
    SUBMODULE_ADDERS,
    SUBMODULE_ITERATORS,
    TENSOR_REGISTRARS,
    optimizer_class,
)
from torchlint.screen.arrays import ArrayHandoffs
from torchlint.screen.casts import Casts
from torchlint.screen.file import File
from torchlint.screen.library import LibraryCalls
from torchlint.screen.modules import ModuleSources
from torchlint.screen.state import ModuleState
from torchlint.screen.tags import (
    ACCELERATOR,
    ATTACHES,
    CALLABLE_MODULE,
    CAST_CALL_WORDS,
    CLASS,
    COMPUTE,
    COPY_CALL,
    COPY_CALL_WORDS,
    CPU_DATA,
    CUDA_CALL,
    CUDA_LITERAL,
    CUDA_TEST,
    DATA_ASSIGN,
    DEVICE_NAME,
    DISCARDABLE,
    DISCARDED_MOVE,
    DTYPE_BY_NAME,
    DTYPE_KEYWORDS,
    FIRST_CALL_WORDS,
    FLOAT64,
    FLOAT_CAST,
    HALF_CAST,
    HALF_WORDS,
    HANDED_PLACED,
    IMAGE_READERS,
    INDEXLESS_TYPE,
    INIT_MODULE_CONTAINER,
    INIT_TENSOR_ATTR,
    LABEL_HEADS,
    LATE_MODULE,
    LEGACY_CONSTRUCTOR,
    LIGHTNING_PLACED,
    LOSS,
    MASK_OP,
    MASK_OP_WORDS,
    MODULE_SOURCE,
    NARROW_CAST,
    NUMPY_CALL,
    NUMPY_DATA,
    OWN_APPLY,
    PARAMETER_SOURCE,
    PARAMETER_STATE,
    PARAMETER_WORDS,
    PLACED_MODULE,
    PLACING_KEYWORDS,
    RESULT_ATTACHED,
    RESULT_HANDED,
    RETURNS_PLACED,
    RETYPE,
    SAVE,
    SETS_GPU,
    STALE_ALIAS,
    STRICT_OP_WORDS,
    SUBMODULE_LOOP,
    TARGET_DTYPE,
    TENSOR_INDEXES,
    TO_TORCH,
    TYPE_CAST_ARGUMENT,
    WORD_TAGS,
)
from torchlint.screen.trees import (
    FIELDS,
    NO_MODULE,
    READ_KINDS,
    class_of,
    device_type,
    discarded_receivers,
    dotted,
    fewer_dims,
    fields_of,
    is_device_move,
    is_type_cast,
    last_name,
    lightning_step,
    may_be_list,
    moves_entry,
    nodes_under,
    numpy_mapped,
    on_cpu,
    rebound_moves,
    roots_of,
    sources,
    stale_tags,
    table_tags,
    type_of_maybe_tensor,
    unzipping,
    within,
    without_modes,
    words_of,
    writes_file,
)

# Values whose dtype a name passed as one gets (``Casts.dtype_values``).
_VALUED = (ast.Name, ast.Attribute, ast.IfExp, ast.BoolOp, ast.Call, ast.Dict, ast.Subscript)


class Unit(Casts, LibraryCalls, ModuleSources, ModuleState, ArrayHandoffs):
    """The evidence of one unit, gathered in one walk."""

    def __init__(self, file: File) -> None:
        self.file = file
        self.tags: set[str] = set()
        self.classes = file.classes
        self.qualify = file.qualify
        self.in_project = file.in_project
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
        self.indexed: set[str] = set()  # x in x[i], x[mask] (an index that may be a tensor)
        self.made_on_cpu: set[int] = set()  # torch.zeros(...), torch.FloatTensor(...): id()
        self.stored: list[tuple[set[str], ast.expr]] = []  # every assignment's paths, value
        self.from_calls: set[str] = set()  # names a call's result is bound to: t, i = f()
        self.empty_containers = False
        self.numpy_data = False
        self.converted: set[str] = set()  # what .numpy() / np.asarray() is applied to
        ArrayHandoffs.__init__(self)
        self.listed: set[str] = set()  # names assigned a list
        self.reduced: list[ast.expr] = []  # x of np.sum(x) and the other list reductions
        self.init_calls: set[int] = set()  # calls inside __init__ (walked first)
        self.to_torch = False
        self.discarded: set[str] = set()  # x of a bare `x.to(device)` statement
        self.assigned: set[str] = set()  # names assigned in the unit
        self.derived: list[tuple[str, set[str]]] = []  # (b, roots of a) of b = a.f()[0]
        self.appended_module = False
        self.module_locals: set[str] = set()
        self.registers_buffer = False  # self.register_buffer(...) while a module is built
        self.fills_container = False  # self.c[k] = ..., self.c.append(...): see state.py
        self.params: set[str] = set()  # parameters of the unit's functions
        self.handed: set[str] = set()  # names passed to a function of the file
        self.handed_away: set[str] = set()  # names passed to another file's function
        self.init_nodes: set[int] = set()  # every node inside __init__ (walked first)
        self.plain_inits: set[int] = set()  # the __init__ of classes that are no modules
        # The unit is (a part of) a top-level class: `self` is the instance (set by
        # evidence.py, which knows what the unit is).
        self.in_class = False
        self.self_attaches = False  # self.x = ... (ATTACHES in a function, see finish)
        self.late_self_aliases: set[str] = set()  # b of `self.x = b` outside __init__
        self.late_self_attach = False  # see attach_self()
        # receivers of a method call off self (self.network.load(state)): a module's
        # own method may attach to it (finish)
        self.self_method_receivers: set[str] = set()
        self.held_modules: set[str] = set()  # self.x = <a module, maybe>
        # (parent, roots of the value) of `parent.x = value` in a method, not __init__
        self.late_parts: list[tuple[str, set[str]]] = []
        self.functions = file.functions
        self.tensor_locals: set[str] = set()  # of __init__: see init()
        # Module-level names TL301 may read as tensors (``PRIORS``, ``config.priors``),
        # and what may change them: a ``global`` statement, ``config.priors = ...``.
        self.module_reads: set[str] = set()
        self.declared_global: set[str] = set()
        self.set_attributes: set[str] = set()
        self.on_self: set[str] = set()  # x of every self.x: the methods called on self
        self.defined: list[ast.FunctionDef | ast.AsyncFunctionDef] = []  # every def
        self.init_self_calls: set[str] = set()  # m of self.m(...) in __init__
        self.init_helpers: set[str] = set()  # f of self.x = f(...) in __init__
        # parameters defaulting to None of the functions TL301 reads (device=None)
        self.none_params: set[str] = set()
        # Calls whose result the flow analysis can never call: type(x).__name__,
        # type(x) == t, f"{type(x)}", isinstance(y, type(x)), "{}".format(type(x)).
        self.inert: set[int] = set()
        # Names bound to type(x) (the legacy constructor when x is a tensor), and the
        # names the unit returns: a class bound to a name matters only where the name
        # is called, passed on or returned.
        self.class_holders: set[str] = set()
        self.returned: set[str] = set()
        self.returned_values: list[ast.expr] = []  # (where a CPU tensor was made before)
        self.passed_on: set[str] = set()  # arguments of calls other than getattr, print...
        self.device_types: set[str] = set()  # dev of `dev = x.device.type`
        # names passed where a call may take a device: first positional, device=
        self.device_args: set[str] = set()

    def merge(self, other: Unit) -> None:
        """Add what ``other``, a walk of another part of the same file, gathered."""
        for key, value in vars(other).items():
            if isinstance(value, set):
                getattr(self, key).update(value)
            elif isinstance(value, list):
                getattr(self, key).extend(value)
            elif isinstance(value, bool):
                setattr(self, key, getattr(self, key) or value)

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
                if attr == "param_groups":
                    tags.add(PARAMETER_SOURCE)  # optimizer.param_groups: the parameters
                value = node.value  # type: ignore[attr-defined]
                if type(value) is ast.Name and value.id == "self":
                    self.on_self.add(node.attr)  # type: ignore[attr-defined]
                elif type(value) is ast.Call:
                    self.inert.add(id(value))
            elif kind is ast.Call:
                self.call(node)  # type: ignore[arg-type]
            elif kind is ast.Constant:
                value = node.value  # type: ignore[attr-defined]
                if type(value) is str and value.startswith(GPU_STRINGS):
                    tags.add(CUDA_LITERAL)
                elif value == "CUDA_VISIBLE_DEVICES":
                    tags.add(SETS_GPU)
                if type(value) is str and len(value) <= 40:
                    found = WORD_TAGS.get(value.split(":", 1)[0])
                    if found is not None:
                        tags |= found
            elif kind not in READ_KINDS:
                continue  # (Subscript, keyword, Tuple, ...: their children are pushed)
            elif kind is ast.BinOp and type(node.op) is ast.MatMult:  # type: ignore[attr-defined]
                tags.add(COMPUTE)  # a @ b
            elif kind is ast.Expr:
                value = node.value  # type: ignore[attr-defined]
                self.discarded |= discarded_receivers(value)
                if (
                    type(value) is ast.Call
                    and type(value.func) is ast.Attribute
                    and value.func.attr in DISCARDABLE
                ):
                    receiver = dotted(value.func.value)
                    if receiver is not None and is_device_move(value):
                        # A bare `model.to(device)` on a name the flow analysis does
                        # not know: it takes it for a module moved in place.
                        tags.update((PLACED_MODULE, CALLABLE_MODULE))
                        self.modules.add(receiver)
            elif kind is ast.With or kind is ast.AsyncWith:
                for item in node.items:  # type: ignore[attr-defined]
                    expr = item.context_expr
                    if type(expr) is ast.Call and last_name(expr.func) == "device":
                        # with torch.device(d): what is made inside is placed on d
                        # (with torch.cuda.device(i): the current GPU is i)
                        tags.update((ACCELERATOR, PLACED_MODULE, SETS_GPU))
            elif kind is ast.Assign or kind is ast.AnnAssign:
                self.assign(node)  # type: ignore[arg-type]
            elif kind is ast.For or kind is ast.AsyncFor or kind is ast.comprehension:
                targets = [
                    p
                    for sub in nodes_under(node.target)  # type: ignore[attr-defined]
                    if (p := dotted(sub)) is not None
                ]
                if kind is not ast.comprehension:
                    # The flow analysis knows what a loop over a DataLoader binds.
                    self.assigned.update(targets)
                    self.discarded |= rebound_moves(node)  # type: ignore[arg-type]
                elif unzipping(node.iter):  # type: ignore[attr-defined]
                    self.assigned.update(targets)  # (a comprehension over zip(*rows))
                # for m in model.modules(): m is a part of model (placed with it)
                roots = {
                    p
                    for sub in nodes_under(node.iter)  # type: ignore[attr-defined]
                    if (p := dotted(sub)) is not None
                }
                self.derived.extend((t, roots) for t in targets)
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
                    self.init(node, id(node) not in self.plain_inits)  # type: ignore[arg-type]
                elif node.name == "_apply":  # type: ignore[attr-defined]
                    tags.add(OWN_APPLY)
            elif kind is ast.ClassDef:
                tags.add(CLASS)
                if node.name not in self.classes:  # type: ignore[attr-defined]
                    self.plain_class(node)  # type: ignore[arg-type]
                if node.name in self.file.lightning and any(  # type: ignore[attr-defined]
                    lightning_step(s)
                    for s in node.body  # type: ignore[attr-defined]
                ):
                    tags |= LIGHTNING_PLACED
            elif kind is ast.arguments:
                # def __init__(self, dtype=torch.float16): the dtype the body casts to
                # when the caller says nothing (optimizer=torch.optim.Adagrad: built there).
                for default in (*node.defaults, *node.kw_defaults):  # type: ignore[attr-defined]
                    if default is not None and words_of(default) & HALF_WORDS:
                        tags.add(HALF_CAST)
                    elif type(default) is ast.Attribute and optimizer_class(
                        self.qualify(dotted(default) or "")
                    ):
                        tags.add(PARAMETER_STATE)
            elif kind is ast.Compare:
                self.inert.add(id(node.left))  # type: ignore[attr-defined]
                self.inert.update(map(id, node.comparators))  # type: ignore[attr-defined]
            elif kind is ast.Return:
                value = node.value  # type: ignore[attr-defined]
                if type(value) is ast.Name:
                    self.returned.add(value.id)
                if value is not None:  # (the walk is not in line order: see finish())
                    self.returned_values.append(value)
            elif kind is ast.FormattedValue:
                self.inert.add(id(node.value))  # type: ignore[attr-defined]
            elif kind is ast.Subscript:
                index = node.slice  # type: ignore[attr-defined]
                self.inert.add(id(index))  # d[type(x)]: a key
                self.index_parts(parts := getattr(index, "elts", (index,)))  # arrays.py
                table = dotted(node.value)  # type: ignore[attr-defined]
                if table is not None and any(type(p) in TENSOR_INDEXES for p in parts):
                    self.indexed.add(table)  # table[labels], x[mask]: finish()
            elif kind is ast.arg:
                self.params.add(node.arg)  # type: ignore[attr-defined]
                if node.arg == "device":  # type: ignore[attr-defined]
                    tags.add(DEVICE_NAME)
            elif kind is ast.Global:
                self.declared_global.update(node.names)  # type: ignore[attr-defined]

    def call(self, node: ast.Call) -> None:
        tags = self.tags
        func = node.func
        last = last_name(func)
        callee = dotted(func)
        for arg in (*node.args, *(k.value for k in node.keywords)) if callee else ():
            # load(Net), Loader(FaceNet): a class or function handed to a function or
            # class of the file is called there (followed as that call)
            if (
                type(arg) is ast.Name
                and (arg.id in self.classes or arg.id in self.functions)
                and (callee in self.file.all_classes or callee in self.functions)
            ):
                self.called.add(arg.id)
                if arg.id in self.classes:
                    tags.update((MODULE_SOURCE, COMPUTE))
        if self.is_module_source(node):
            tags.update((MODULE_SOURCE, COMPUTE))
            made = dotted(
                func.value if type(func) is ast.Attribute and last in MODEL_LOADERS else func
            )
            maker = (self.qualify(made) or made) if made is not None else ""
            if maker.endswith(LABEL_HEADS) or maker.startswith(DETECTION_BUILDERS):
                # a transformers head whose forward computes a cross-entropy, or a
                # torchvision detector computing one on its targets' labels
                tags.add(LOSS)
            if any(k.arg in PLACING_KEYWORDS for k in node.keywords):
                tags.add(PLACED_MODULE)  # nn.Linear(..., device=d), device_map="auto"
            if any(k.arg in ("weight", "pos_weight") for k in node.keywords):
                tags.add(STALE_ALIAS)  # CrossEntropyLoss(weight=w): w is its buffer
        elif last in STRICT_OP_WORDS:
            tags.add(COMPUTE)  # torch.mm(a, b), F.conv2d(x, w)
        elif last in MASK_OP_WORDS:
            tags.add(MASK_OP)  # F.scaled_dot_product_attention(q, k, v, attn_mask=m)
        elif (
            last == "getattr" and node.args and self.qualify(dotted(node.args[0]) or "") == "torch"
        ):
            tags.add(DTYPE_BY_NAME)  # getattr(torch, cfg["dtype"])
        if any(k.arg in PLACING_KEYWORDS for k in node.keywords):
            tags.add(ACCELERATOR)
        if last == "prepare" or last == "initialize" or last == "set_device":
            # accelerator.prepare(model), deepspeed.initialize(model=...)
            tags.update((ACCELERATOR, PLACED_MODULE))
            if last == "set_device":
                tags.add(SETS_GPU)
        if moves_entry(func):
            tags.add(CPU_DATA)  # batch["x"].to(d): its other entries (analysis/batches.py)
        if len(node.args) >= 2 and fewer_dims(node.args[0], node.args[1]):
            # loss(logits.view(-1, C), labels.view(-1)): class indices, whatever dtype
            # the flow analysis knows them in (TL104)
            tags.add(TARGET_DTYPE)
        # The calls whose first argument TL210 reads as a device: .to(d), torch.device(d)
        if node.args and (
            last == "to"
            or last == "device"
            or (type(func) is ast.Name and self.qualify(func.id) == "torch.device")
        ):
            arg = node.args[0]
            if device_type(arg):
                tags.add(INDEXLESS_TYPE)  # .to(x.device.type) (TL210)
            elif type(arg) is ast.Name:
                self.device_args.add(arg.id)  # dev = x.device.type; .to(dev)
        for k in node.keywords:
            if k.arg == "device":
                if type(k.value) is ast.Name:
                    self.device_args.add(k.value.id)
                elif device_type(k.value):
                    tags.add(INDEXLESS_TYPE)  # torch.zeros(n, device=x.device.type) (TL210)
        # (Most calls are of none of the names tested below: one set lookup skips them.)
        if last in FIRST_CALL_WORDS:
            if last in IMAGE_READERS:
                tags.add(NARROW_CAST)  # cv2.imread, torchvision.io.read_image: uint8 pixels
            if last in COPY_CALL_WORDS:
                tags.add(COPY_CALL)  # p.clone(), copy.deepcopy(p): maybe a parameter copied
            elif last in PARAMETER_WORDS:
                tags.add(PARAMETER_SOURCE)  # model.parameters(), nn.Parameter(t)
            elif last in SUBMODULE_ITERATORS:
                tags.add(SUBMODULE_LOOP)
            if last == "cuda" and isinstance(func, ast.Attribute):
                tags.update((CUDA_LITERAL, CUDA_CALL))
            elif last == "type_as" and isinstance(func, ast.Attribute):
                tags.add(RETYPE)
            if last == "numpy" and isinstance(func, ast.Attribute) and not on_cpu(func.value):
                self.converted.update(roots_of(func.value))
                if isinstance(func.value, ast.Call):  # torch.cat(feats).numpy(): feats too
                    self.converted.update(*(roots_of(a) for a in func.value.args))
        self.plotted(node, last)  # ax.imshow(img): arrays.py
        if last is not None and writes_file(last):
            tags.add(SAVE)
        name = dotted(func)
        q = None
        if name is not None:
            self.called.add(name)
            q = self.qualify(name)
            if q is not None:
                self.library_call(node, q)

        if name == "map":  # map(np.asarray, zip(*rows)): each member is converted
            self.converted.update(*(roots_of(r) for r in numpy_mapped(node, self.qualify)))

        local_callee = q is None
        # A function of the file (or a method, through self) is followed by the flow
        # analysis: what is passed to it may get submodules attached there.
        local = away = False
        if name is not None:
            local = name in self.functions or (name.startswith("self.") and name.count(".") == 1)
            away = not local and self.file.in_project(name)  # another file's function
        if (
            last == "apply"
            and isinstance(func, ast.Attribute)
            and any(dotted(a) in self.functions for a in node.args)
        ):
            # model.apply(add_hooks): the flow walks add_hooks with a part of model
            receiver = dotted(func.value)
            if receiver is not None:
                self.handed.add(receiver)
        # getattr(cls, "x"), print(cls): nothing calls what they are handed
        inert_callee = type(func) is ast.Name and func.id in INERT_BUILTINS
        for value in [*node.args, *(k.value for k in node.keywords)]:
            if local or away:
                passed_path = dotted(value)
                if passed_path is not None and local:
                    self.handed.add(passed_path)
                elif passed_path is not None:
                    self.handed_away.add(passed_path)
            if local_callee and is_type_cast(value):
                # self.vpm(x.type(dtype)); not torch.cat(...), an imported function
                tags.add(TYPE_CAST_ARGUMENT)
            passed = dotted(value.value if isinstance(value, ast.Starred) else value)
            if passed is not None:
                self.arguments.add(passed)
                if not inert_callee:
                    self.passed_on.add(passed)
        legacy = self.legacy_call(node, last)
        if not legacy and type_of_maybe_tensor(node):
            if id(node) not in self.inert:
                # type(t) of a tensor is torch.Tensor: called, the legacy constructor
                tags.update((LEGACY_CONSTRUCTOR, CPU_DATA))
        elif not legacy and (
            (type(func) is ast.Name and func.id in INERT_BUILTINS)
            or (last == "format" and type(func) is ast.Attribute)
        ):
            self.inert.update(map(id, node.args))
        if last in CAST_CALL_WORDS:
            self.cast_call(node, last)
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
        if type(func) is ast.Attribute and last not in NON_ATTACHING_METHODS:
            path = dotted(func.value)
            if path is not None and path.startswith("self.") and path.count(".") == 1:
                self.self_method_receivers.add(path)
        attaches = last in SUBMODULE_ADDERS or last in TENSOR_REGISTRARS
        if attaches or last == "setattr":
            tags.add(ATTACHES)
        if isinstance(func, ast.Attribute) and attaches:
            # (also a buffer or a parameter registered: made on the CPU, it stays there)
            path = dotted(func.value)
            if path is not None:
                self.attached.add(path)
                self.attach_self(path, node)
        if isinstance(func, ast.Name) and last == "setattr" and node.args:
            path = dotted(node.args[0])
            if path is not None:
                self.attached.add(path)
                self.attach_self(path, node)

    def share(self, node: ast.AST) -> None:
        self.shared.update(p for sub in nodes_under(node) if (p := dotted(sub)) is not None)

    def assign(self, node: ast.Assign | ast.AnnAssign) -> None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = node.value
        if value is None:
            return
        for target in targets if isinstance(node, ast.Assign) else ():
            path = dotted(target) if type(target) is ast.Attribute else None
            if path is not None and not path.startswith("self."):
                self.set_attributes.add(path)  # config.priors = ...: TL301 reads it
        if len(targets) > 1:
            for target in targets:  # a = b = x
                self.share(target)
        if may_be_list(value, self.qualify):
            self.listed.update(p for t in targets if (p := dotted(t)) is not None)
        if device_type(value):
            # dev = x.device.type: TL210 reads it where dev is then a device, in the
            # same function (finish)
            for target in targets:
                self.device_types.update(
                    n.id for n in nodes_under(target) if isinstance(n, ast.Name)
                )
        self.index_assigned(targets, value)  # order = scores.argsort()
        if class_of(value) and all(type(t) is ast.Name for t in targets):
            self.inert.add(id(value))  # tensortype = type(x): judged where it is used
            self.class_holders.update(t.id for t in targets)  # type: ignore[attr-defined]
        if any(isinstance(t, ast.Attribute) and t.attr == "data" for t in targets):
            self.tags.add(DATA_ASSIGN)
        stores = (*targets, *(e for t in targets if type(t) is ast.Tuple for e in t.elts))
        if not isinstance(value, ast.Constant) and any(
            type(t) is ast.Subscript and not isinstance(getattr(t.slice, "value", None), str)
            for t in stores
        ):
            self.tags.add(TARGET_DTYPE)  # buf[i, :n] = ids: cast by the write (analysis/whole.py)
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
        if self.in_class and id(node) not in self.init_nodes:
            # block.processor = procs[name] in a method: judged in finish()
            parents = {p.rsplit(".", 1)[0] for t in targets if "." in (p := dotted(t) or "")}
            self.late_parts.extend((parent, roots_of(value)) for parent in parents)
        # (what a function of the file returns may be a module)
        # (a class another file of the project may define as a module, maybe moved on
        # the way: Net().to(device), as the flow analysis reads it)
        is_module = self.value_is_module(value, self.functions) or self.may_make_module(value)
        if is_module:
            self.held_modules |= {p for t in targets if (p := dotted(t) or "").startswith("self.")}
        moved = without_modes(value)  # (Net().to(device).eval(): moved on the way)
        moves = isinstance(moved, ast.Call) and is_device_move(moved)
        # model = X.from_pretrained(..., device_map={"": 0}): loaded onto a device
        mapped = (
            isinstance(value, ast.Call)
            and type(value.func) is ast.Attribute
            and value.func.attr in MODEL_LOADERS
            and any(k.arg == "device_map" for k in value.keywords)
        )
        if isinstance(value, _VALUED):
            # What dtype the names get is read in finish(), for the few passed as one
            # (a dict of dtypes too: DTYPES[args.precision]).
            paths = {p for t in targets if (p := dotted(t)) is not None}
            if paths:
                self.valued.append((paths, value))
        if moves:
            assert isinstance(moved, ast.Call) and isinstance(moved.func, ast.Attribute)
            receiver = dotted(moved.func.value)
            if receiver is not None:
                self.rebound.add(receiver)
        self.stored.append(({p for t in targets if (p := dotted(t)) is not None}, value))
        if isinstance(value, ast.Call):  # (a table a helper made on the CPU, maybe)
            bound = {p for t in targets for n in nodes_under(t) if (p := dotted(n))}
            self.from_calls |= bound
            callee = dotted(value.func)
            if callee is not None and callee not in self.functions and self.file.in_project(callee):
                passed = {dotted(a) for a in (*value.args, *(k.value for k in value.keywords))}
                if bound & passed:
                    # model = inject_adapters(model) of another file: what it gives back
                    # may have got submodules there
                    self.tags.add(RESULT_ATTACHED)
        roots = roots_of(value)
        for target in targets:
            if not isinstance(value, NO_MODULE):
                self.attaching(target)
            path = dotted(target)
            if path is not None and roots:
                self.derived.append((path, roots))
            if path is None:
                self.assigned |= {p for sub in nodes_under(target) if (p := dotted(sub))}
                self.attach_member(target, value, node, is_module)
                continue
            self.assigned.add(path)
            if is_module:
                self.modules.add(path)
            if (is_module or self.registers(value) or self.project_class(value)) and "." in path:
                self.attached.add(path.rsplit(".", 1)[0])
                self.attach_self(path.rsplit(".", 1)[0], node)
            if moves:
                self.moved.add(path)
                self.rebound.add(path)
            elif mapped:
                self.moved.add(path)

    def finish(self, called: bool = False) -> None:
        """Tags that need the whole unit: a module moved by name, a moved value
        called, a module attached to something placed. ``called``: the unit is a
        function the file calls (or a class): the flow analysis follows calls into
        it with the arguments' values, so its parameters are known names."""
        if called:
            self.assigned |= self.params
        names = self.modules
        # (to a fixed point: the walk is in no order, and b = a; c = b may come in
        # any order, in one unit or in the parts of a class merged into one)
        grown = True
        while grown:
            grown = False
            for a, b in self.aliases:
                if a not in names and within(b, names):
                    names.add(a)
                    grown = True
        for a, b in self.aliases:
            if "." in a and within(b, names):
                # model.head = new_head: attached (new_head may have been seen as a
                # module after this assignment)
                self.attached.add(a.rsplit(".", 1)[0])
        if any(within(b, names) for b in self.late_self_aliases):
            self.late_self_attach = True
        if self.late_parts:
            # A module handed to a method, set on self or on a part of it (a loop
            # over self.blocks.named_children()): attached when the method runs.
            selfish = {"self"} | {
                t for t, roots in self.derived if any(within(r, {"self"}) for r in roots)
            }
            handed = names | self.params
            if any(
                within(parent, selfish) and any(within(r, handed) for r in roots)
                for parent, roots in self.late_parts
            ):
                self.late_self_attach = True
        if any(within(r, names) for r in self.receivers):
            self.tags.add(PLACED_MODULE)
        if self.self_method_receivers & self.held_modules:
            self.late_self_attach = True  # (a method of the module held may attach)
        holders = self.class_holders | {a for a, b in self.aliases if b in self.class_holders}
        if holders & (self.called | self.passed_on | self.returned):
            # tensortype = type(x); tensortype(size): the legacy constructor, called
            self.tags.update((LEGACY_CONSTRUCTOR, CPU_DATA))
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
        # A module handed to a function of the file may get submodules there (when a
        # unit screened with this one can attach: evidence.py's _joined).
        if any(within(p, names) and within(p, placed) for p in self.handed):
            self.tags.add(HANDED_PLACED)
        # A function of another file (not read: that cost more than the parse it saved)
        # may attach a module to what it is handed, under any name (ATTACHES).
        self.attached |= {p for p in self.handed_away if within(p, names)}
        if self.handed_away:
            self.tags.add(ATTACHES)
        if any(within(p, self.from_calls) for p in self.attached):
            self.tags.add(RESULT_ATTACHED)  # model = load(device); model.head = ...
        if any(within(p, self.from_calls) for p in self.handed):
            self.tags.add(RESULT_HANDED)
        if any(self.placed_module(v, placed) for v in self.returned_values):
            self.tags.add(RETURNS_PLACED)
        if self.self_attaches and not self.in_class:
            self.tags.add(ATTACHES)  # a function's `self` is just a parameter
        if any(within(p, placed) for p in self.attached):
            self.tags.add(LATE_MODULE)
        self.converted.update(
            *(roots_of(r) for r in self.reduced if dotted(r) in self.listed and not on_cpu(r))
        )
        if any(within(path, self.assigned | self.modules) for path in self.converted) or (
            self.file.numpy_imported and self.indexes_with_indices()
        ):
            # The flow analysis only knows tensors it saw made or moved in the unit.
            self.tags.add(NUMPY_CALL)
        if self.device_types & self.device_args:
            self.tags.add(INDEXLESS_TYPE)  # dev = x.device.type; torch.zeros(n, device=dev)
        if self.numpy_data:
            self.tags.add(NUMPY_DATA)
        if self.to_torch:
            self.tags.add(TO_TORCH)
        if self.numpy_data and self.to_torch:
            self.tags.add(FLOAT64)  # torch keeps numpy's float64
        if self.discarded & self.assigned:
            # Only a name the flow analysis knows as a tensor is reported; it knows
            # nothing of parameters and names it never saw assigned.
            self.tags.add(DISCARDED_MOVE)
        self.tags |= stale_tags(self)  # (trees.py)
        self.dtype_values(self.valued)
        self.tags |= table_tags(
            self.indexed,
            self.params | self.from_calls,
            self.stored,
            self.made_on_cpu,
            self.returned_values,
        )
        if self.init_self_calls:
            self.built()
        if self.init_helpers and INIT_TENSOR_ATTR not in self.tags:
            if any(self.may_return_tensor(h, 0) for h in self.init_helpers):
                self.tags.add(INIT_TENSOR_ATTR)  # self.x = helper(...): a CPU tensor, maybe
        if self.registers_buffer:
            # A module class of the file registers a buffer: a name may hold it,
            # read through an instance, while the instance moves (analysis/copies.py).
            self.tags.add(STALE_ALIAS)
        if self.registers_buffer and self.fills_container:
            self.tags.add(INIT_TENSOR_ATTR)  # buffers put in a plain container, maybe
        if self.empty_containers and self.appended_module:
            self.tags.add(INIT_MODULE_CONTAINER)
        if self.tags & {NARROW_CAST, FLOAT64, FLOAT_CAST}:
            self.tags.add(TARGET_DTYPE)  # a loss target the flow analysis may know
