"""What loops and comprehensions bind: the batches of a DataLoader (default collate),
the members of a tuple or list, a model's submodules or parameters, and what a
comprehension makes of them. ``Expressions`` (``expressions.py``) inherits these;
the statements (``flow.py``) bind ``for`` targets with ``element``."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from dataclasses import replace
from functools import reduce

import libcst as cst

from torchlint.analysis import arrays, copies, derived, dims, effects, key_loops, recasts
from torchlint.analysis.loaders import PROCESSED
from torchlint.analysis.names import dotted, string_key, unzipped_rows
from torchlint.analysis.order import contains
from torchlint.analysis.paths import merge_envs
from torchlint.analysis.scope import Scope
from torchlint.analysis.torch_api import SUBMODULE_ITERATORS
from torchlint.analysis.values import (
    BATCH,
    COLLATED,
    PYG_GRAPH,
    UNKNOWN,
    Kind,
    Place,
    Value,
    dict_member,
    keyed,
    list_member,
    merge_values,
    new_ident,
    plain_text,
    submodule,
)

# The origin of a dict of modules a comprehension makes (a LIST of its member).
MODULES_BY_KEY = "modules by key"
# A loop over a list literal of at most this many callables is walked once per member.
_UNROLLED = 8
_CALLABLES = frozenset({Kind.OBJECT, Kind.FUNCTION})
# (and modules: ``for encoder in (te_one, te_two): encoder.to(device)`` moves each)
_UNROLLED_KINDS = _CALLABLES | {Kind.MODULE, Kind.WRAPPER}


class Loops(Scope):
    """What a ``for`` or a comprehension binds, in a scope."""

    @abstractmethod
    def assign(self, target: cst.BaseExpression, value: Value, stmt: cst.CSTNode) -> None:
        """Binds ``target`` (a name, an attribute path, a tuple of them) to ``value``."""

    @abstractmethod
    def body(self, statements: Sequence[cst.CSTNode]) -> None:
        """Walks ``statements`` in order."""

    def second_pass(
        self, loop: cst.For | cst.While, before: dict[str, Value], bound: Value
    ) -> None:
        """Walks ``loop``'s body again with what its first pass left, where that pass
        changed what the next one computes with (``rebuilt_on_cpu``); ``bound``: what a
        ``for`` binds each pass."""
        if self.w.facts.replaying or not rebuilt_on_cpu(before, self.env, loop):
            return
        self.w.facts.replaying = True
        try:
            if isinstance(loop, cst.For):
                self.assign(loop.target, bound, loop)
            self.body(loop.body.body)
        finally:
            self.w.facts.replaying = False

    def loop_body(
        self, loop: cst.For | cst.While, before: dict[str, Value]
    ) -> tuple[key_loops.KeyedLoop, dict[int, Value]] | None:
        """Walks ``loop``'s body. Where it moves the entries of a dict in place, key by
        key: that loop and what its stores put back, for ``key_loops.moved_in_place``
        after the loop."""
        by_key = (
            key_loops.keyed_loop(loop, self.w.analysis.qualify) if type(loop) is cst.For else None
        )
        if by_key is None:
            self.body(loop.body.body)
            return None
        for target in by_key.stores:
            self.watched[id(target)] = None
        try:
            self.body(loop.body.body)
            stored = {i: v for t in by_key.stores if (v := self.watched.get(i := id(t)))}
        finally:
            for target in by_key.stores:
                self.watched.pop(id(target), None)
        return by_key, stored

    def stepped(self, name: str, arg: cst.BaseExpression, given: Value) -> Value | None:
        """``next(iter(loader))``: what a loop over it binds (a batch);
        ``next(model.parameters())``: a parameter; ``it = iter(loader)``: the loader's
        batches, as the loader gives them, and ``next(it)`` then a batch. ``given``:
        what ``arg`` evaluated to. None where it is none of these."""
        if name == "next" and isinstance(arg, cst.Call):
            if dotted(arg.func) == "iter" and len(arg.args) == 1 and not arg.args[0].star:
                return self.element(arg.args[0].value)
            parameter = recasts.loop_element(self, arg)
            return parameter if parameter is not None and parameter.kind == Kind.TENSOR else None
        if given.kind != Kind.LOADER:
            return None
        return given if name == "iter" else self.element(arg)

    def element(self, node: cst.BaseExpression) -> Value:
        """What ``for x in node`` binds to ``x``: a batch of a DataLoader (through
        ``enumerate``, ``zip`` and ``tqdm``), a member of a tuple of tensors."""
        if isinstance(node, cst.Call):
            parameter = recasts.loop_element(self, node)  # for p in model.parameters()
            if parameter is not None:
                return parameter
        rows = unzipped_rows(node)
        if rows is not None:
            # for column in zip(*rows): each column of the rows, in turn
            columns = arrays.unzipped(self.eval(rows))
            if columns.items:
                return reduce(merge_values, columns.items)
        if isinstance(node, cst.Call) and not any(a.keyword or a.star for a in node.args):
            name = dotted(node.func)
            q = self.w.analysis.qualify(node.func) or name
            if name == "enumerate" and node.args:
                index = Value(Kind.NUMBER, dtype="int64")
                return Value(Kind.TUPLE, items=(index, self.element(node.args[0].value)))
            if name == "range" and "range" not in self.env:
                return Value(Kind.NUMBER, dtype="int64")  # for i in range(n): an int
            if name == "zip":
                return Value(Kind.TUPLE, items=tuple(self.element(a.value) for a in node.args))
            if (q in effects.ITERATE_THROUGH or name in ("list", "tuple")) and len(node.args) == 1:
                return self.element(node.args[0].value)  # for n, m in list(model.named_modules())
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            method = node.func.attr.value
            if method in ("items", "values") and not node.args:
                owner = self.eval(node.func.value)
                # for k, v in batch.items(); for name, obs in observers.items() of a
                # ModuleDict of instances of one class of the file
                member = _member(owner) or dict_member(owner) or _by_key(owner)
                if member is not None:
                    return (
                        Value(Kind.TUPLE, items=(UNKNOWN, member)) if method == "items" else member
                    )
            if method in SUBMODULE_ITERATORS:
                owner = self.eval(node.func.value)
                if owner.kind in (Kind.MODULE, Kind.WRAPPER):
                    for arg in node.args:
                        self.eval(arg.value)
                    part = submodule(owner)  # for name, module in model.named_modules()
                    return (
                        Value(Kind.TUPLE, items=(UNKNOWN, part))
                        if method.startswith("named")
                        else part
                    )
        value = self.eval(node)
        if value.kind in (Kind.LOADER, Kind.DATASET) and value.origin == PYG_GRAPH:
            # (a batch graph, or one graph: entries as the loader or dataset has them)
            return replace(value.items[0], ident=new_ident(), moved_from=0)
        if value.kind == Kind.LOADER and value.origin == COLLATED:
            return _of_batch(replace(value.items[0], ident=new_ident(), moved_from=0))
        if value.kind == Kind.LOADER:
            # A batch: a tensor, a tuple or a dict of them, on the CPU; made in the
            # loop, wherever the loader was handed from.
            if value.items and value.items[0].kind is not None:
                return _batched(value.items[0], value)
            events = tuple(e for e in value.events if e.action != "pass")
            return replace(value, kind=Kind.ENCODING, ident=new_ident(), events=events, items=())
        if value.kind == Kind.LIST and value.origin == MODULES_BY_KEY:
            return UNKNOWN  # for name in procs: its keys
        if value.kind in (Kind.TUPLE, Kind.LIST) and value.items:
            return reduce(merge_values, value.items)
        if value.kind == Kind.MODULE:
            member = list_member(value)  # for block in self.blocks
            if member is None and (
                value.origin.endswith(("Sequential", "ModuleList")) or value.part_of
            ):
                # for block in nn.Sequential(...): its children; for blk in
                # self.unet.blocks: a part the code iterates holds parts (a ModuleList)
                member = submodule(value)
            return member or UNKNOWN
        if value.kind == Kind.TENSOR and value.origin != "module method":  # for row in x: the rows
            return replace(value, ident=new_ident(), moved_from=0)
        if value.kind == Kind.MOVED and isinstance(node, (cst.Name, cst.Attribute)):
            # labels = labels.to(device); for label in labels: its rows (a tensor's) or
            # children (a module's), where it was moved
            return replace(value, ident=new_ident(), moved_from=0)
        if value.kind == Kind.NDARRAY:  # for trial in eeg: its rows, in its dtype
            return replace(value, ident=new_ident(), moved_from=0)
        if value.kind == Kind.OBJECT and isinstance(node, (cst.Name, cst.Call)):
            # for batch in reader: what the generator its class's __iter__ is yields
            # (the loop's iterable stands for the call of __iter__ the loop makes)
            yielded = self.method_of(value, "__iter__", node, [])  # type: ignore[arg-type]
            if yielded is not None and yielded.kind == Kind.LIST and yielded.items:
                return replace(yielded.items[0], ident=new_ident(), moved_from=0)
        return UNKNOWN

    def per_member(self, node: cst.BaseExpression) -> Value | None:
        """``tuple(t[idx] for t in tensors)`` over a tuple of known members (a batch of
        features and labels): a tuple of what the expression makes of each, in order
        (merged, a float64 member and a float32 one would be a maybe). None for any
        other comprehension."""
        if not isinstance(node, (cst.GeneratorExp, cst.ListComp)):
            return None
        clause = node.for_in
        if clause.ifs or clause.inner_for_in is not None or not isinstance(clause.target, cst.Name):
            return None
        over = self.eval(clause.iter)
        if over.kind != Kind.TUPLE or not 0 < len(over.items) <= _UNROLLED:
            return None
        saved, made = dict(self.env), []
        try:
            for item in over.items:
                self.assign(clause.target, item, self.stmt or node)
                made.append(self.eval(node.elt))
        finally:
            self.env = saved
        return Value(Kind.TUPLE, items=tuple(made))

    def unpacked(self, stmt: cst.Assign) -> Value | None:
        """``ids, labels = (t.to(device) for t in batch)`` over a tuple of known
        members: each name gets what the expression makes of its own member."""
        node = stmt.value
        if (
            not isinstance(node, (cst.GeneratorExp, cst.ListComp))
            or dotted(node.for_in.iter) is None
        ):
            return None
        if not all(isinstance(t.target, (cst.Tuple, cst.List)) for t in stmt.targets):
            return None
        return self.per_member(node)

    def unrolled(self, stmt: cst.For) -> tuple[Value, ...] | None:
        """``for t in self.transforms: x = t(x)`` over a list the file wrote out, of
        objects and functions of the file (a ``Compose`` of transforms) or of modules
        (``for enc in parts["encoders"]: enc.to(device)``): its members
        in order, one pass of the body each, since what the loop leaves is what the
        last member made of what the others made (merged, every member's result
        would be a maybe). None for any other loop, and for a body that may leave
        early (``break``, ``continue``, ``return``)."""
        it = stmt.iter
        if isinstance(it, (cst.List, cst.Tuple)):
            if not all(isinstance(e, cst.Element) and dotted(e.value) for e in it.elements):
                return None  # (evaluated again by ``element``: names only)
        elif dotted(it) is None and not (isinstance(it, cst.Subscript) and string_key(it)):
            return None  # (parts["text_encoders"]: a tuple a dict of parts holds)
        value = self.eval(it)
        if value.kind != Kind.TUPLE or not 0 < len(value.items) <= _UNROLLED:
            return None  # (a LIST is a summary of its members, not them in order)
        kinds = {v.kind for v in value.items}
        if not kinds & _UNROLLED_KINDS or kinds - _UNROLLED_KINDS - {None}:
            return None
        if _leaves_early(stmt.body):
            return None
        return value.items

    def each_entry(self, node: cst.DictComp) -> Value | None:
        """``{k: v.to(device) for k, v in batch.items()}`` over a dict whose entries are
        known: the value expression for each entry, by key. None for any other dict
        comprehension."""
        parts = _entries(node)
        if parts is None:
            return None
        k, v, source = parts
        batch = self.eval(source)
        if batch.kind != Kind.ENCODING or not batch.keys:
            return None
        saved = dict(self.env)
        results = []
        try:
            for item in batch.items:
                self.env[k.value] = UNKNOWN
                self.env[v.value] = item
                self.eval(node.key)
                results.append(self.eval(node.value))
        finally:
            self.env = saved
        for moved in results:
            # (a moved copy of each entry: the dict itself keeps the CPU tensors)
            derived.moved(self, moved)
        return keyed(batch.keys, results)

    def _fields_moved(self, node: cst.DictComp, made: Value) -> Value:
        """``{k: v.to(device) for k, v in enc.items()}`` of a tokenizer's (or a
        processor's) output whose keys the walk does not know: its fields, each only
        moved, keep the dtypes the processor gives them (``enc["attention_mask"]`` is
        int64 still)."""
        parts = _entries(node)
        last = made.events[-1] if made.events else None
        if parts is None or last is None or last.action != "move" or last.node is not node.value:
            return made
        source = dotted(parts[2])
        owner = self.lookup(source) if source is not None else None
        if owner is None or owner.kind != Kind.ENCODING or owner.keys or owner.origin != PROCESSED:
            return made
        return replace(made, origin=PROCESSED)

    def comprehension(self, node: cst.ListComp | cst.GeneratorExp | cst.DictComp) -> Value:
        """``[f(t) for t in xs]``: a list of what ``f(t)`` is for a member of ``xs``;
        ``{k: v.cuda() for k, v in batch.items()}``: a batch of tensors by key, where
        (and as) each value is. The loop names are the comprehension's own, so the
        scope is left as it was."""
        if isinstance(node, cst.DictComp):
            by_key = self.each_entry(node)
            if by_key is not None:
                return by_key
        elif _over_texts(self, node):
            each = self.per_member(node)  # [batch[c] for c in COLUMNS]: each entry, in order
            if each is not None:
                return each
        saved = dict(self.env)
        try:
            clause: cst.CompFor | None = node.for_in
            while clause is not None:
                self.assign(clause.target, self.element(clause.iter), self.stmt or node)
                for condition in clause.ifs:
                    self.eval(condition.test)
                clause = clause.inner_for_in
            if isinstance(node, cst.DictComp):
                self.eval(node.key)
                element = self.eval(node.value)
            else:
                element = self.eval(node.elt)
        finally:
            self.env = saved
        if isinstance(node, cst.DictComp):
            if element.kind == Kind.MODULE and (element.ident or element.part_of):
                # {name: LoRAProcessor(...) for name in ...}: modules by key, one
                # made per key (``procs[name]`` is one of them); {n: m for n, m in
                # model.named_modules() if ...}: parts of the model by name
                return Value(Kind.LIST, items=(element,), origin=MODULES_BY_KEY)
            if element.kind not in (Kind.TENSOR, Kind.MOVED) or element.device is None:
                return UNKNOWN
            # (Like a tokenizer's output: tensors by key, all in one place.)
            made = replace(element, kind=Kind.ENCODING, ident=new_ident(), moved_from=0)
            return self._fields_moved(node, made)
        if copies.live_parameter(element):
            # [p for n, p in model.named_parameters() if ...]: some of its parameters
            # (a parameter group of an optimizer)
            return Value(Kind.PARAMS, element.device, ident=new_ident(), part_of=element.part_of)
        return Value(Kind.LIST, items=(element,) if element.kind is not None else ())


def _over_texts(scope: Loops, node: cst.ListComp | cst.GeneratorExp) -> bool:
    """A comprehension over a list of strings the code wrote out (column names, keys),
    by a name or as a literal: cheap to walk once per member."""
    it = node.for_in.iter
    if isinstance(it, (cst.List, cst.Tuple)):
        return bool(it.elements) and all(
            isinstance(e, cst.Element) and isinstance(e.value, cst.SimpleString)
            for e in it.elements
        )
    name = dotted(it)
    held = scope.lookup(name) if name is not None else None
    return (
        held is not None
        and held.kind == Kind.TUPLE
        and bool(held.items)
        and all(plain_text(v) is not None for v in held.items)
    )


def _leaves_early(node: cst.CSTNode) -> bool:
    """A ``break``, ``continue`` or ``return`` in a loop's body (outside the functions
    and classes it defines)."""
    if isinstance(node, (cst.Break, cst.Continue, cst.Return)):
        return True
    if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
        return False
    return any(_leaves_early(child) for child in node.children)


def _entries(node: cst.DictComp) -> tuple[cst.Name, cst.Name, cst.BaseExpression] | None:
    """``k``, ``v`` and ``batch`` of ``{k: ... for k, v in batch.items()}``."""
    clause = node.for_in
    target, it = clause.target, clause.iter
    if (
        clause.ifs
        or clause.inner_for_in is not None
        or not isinstance(target, cst.Tuple)
        or len(target.elements) != 2
        or not isinstance(it, cst.Call)
        or it.args
        or not isinstance(it.func, cst.Attribute)
        or it.func.attr.value != "items"
    ):
        return None
    k, v = (e.value for e in target.elements)
    if not isinstance(k, cst.Name) or not isinstance(v, cst.Name):
        return None
    return k, v, it.func.value


def _member(value: Value) -> Value | None:
    """A value of a dict of tensors (a batch, a tokenizer's output, a state_dict):
    every entry merged where the entries are known, else the tensors, all where the
    dict is. None for anything else."""
    if value.kind != Kind.ENCODING:
        return None
    if value.keys:
        merged = reduce(merge_values, value.items)
        return replace(merged, ident=new_ident(), moved_from=0)
    return replace(value, kind=Kind.TENSOR, ident=new_ident(), moved_from=0)


def _by_key(value: Value) -> Value | None:
    """A member of a dict of modules by key (``MODULES_BY_KEY``): what it holds."""
    by_key = value.kind == Kind.LIST and value.origin == MODULES_BY_KEY and value.items
    return value.items[0] if by_key else None


def _batched(item: Value, loader: Value) -> Value:
    """A DataLoader's batch of dataset items (default collate): tensors, numpy
    arrays and numbers become CPU tensors of the same dtype, with the batch's
    dimension (collate stacks them), tuples stay tuples."""
    if item.kind == Kind.TUPLE:
        return replace(item, items=tuple(_batched(i, loader) for i in item.items))
    if item.kind == Kind.ENCODING and item.keys:
        return keyed(item.keys, [_batched(i, loader) for i in item.items])
    if item.kind in (Kind.TENSOR, Kind.NDARRAY):
        events = tuple(e for e in item.events if e.action != "pass")
        made = Value(Kind.TENSOR, Place.CPU, item.dtype, None, events, new_ident(), origin=BATCH)
        return dims.mark(replace(made, whole=item.whole))  # (stacked: the same numbers)
    events = tuple(e for e in loader.events if e.action != "pass")
    # (a number, the item's index say, is stacked into a tensor of the batch's size)
    kind = Kind.TENSOR if item.kind in (None, Kind.NUMBER) else Kind.ENCODING
    made = Value(kind, Place.CPU, None, None, events, new_ident())
    return dims.mark(replace(made, origin=BATCH)) if kind == Kind.TENSOR else made


def _of_batch(value: Value) -> Value:
    """What a collate function returns, as a loop over the loader binds it: its CPU
    tensors (in tuples, lists and dicts) are the batch's (``BATCH``)."""
    if value.kind == Kind.TENSOR and value.device == Place.CPU and not value.origin:
        return replace(value, origin=BATCH)
    if value.kind in (Kind.TUPLE, Kind.LIST, Kind.ENCODING) and value.items:
        return replace(value, items=tuple(_of_batch(i) for i in value.items))
    return value


def same_members(args: list[tuple[cst.Arg, Value]]) -> bool:
    """One positional argument, a list or tuple of known members: ``tuple(...)`` of it
    holds the same members."""
    return (
        len(args) == 1
        and args[0][0].keyword is None
        and not args[0][0].star
        and args[0][1].kind in (Kind.LIST, Kind.TUPLE)
        and bool(args[0][1].items)
    )


def rebuilt_on_cpu(
    before: dict[str, Value], after: dict[str, Value], loop: cst.For | cst.While
) -> bool:
    """A loop whose second pass sees other tensors than its first: a name that held a
    tensor on a device before the loop holds one the body made on the CPU at its end
    (``masks = torch.tensor(...)`` at the end of a rollout step whose next step
    computes ``hidden * masks``); or a name that held a module on the CPU holds it on
    a device at the body's end (``model = finetune(model, device)`` after
    ``count_macs(model, example_inputs)``: the next pass runs the moved module on
    what the loop made for the CPU one)."""
    for key, old in before.items():
        new = after.get(key)
        if (
            new is not None
            and old.kind == new.kind == Kind.MODULE
            and old.device == Place.CPU
            and new.device not in (None, Place.CPU, Place.MAYBE)
        ):
            return True
        if new is None or new is old or new.kind != Kind.TENSOR or old.kind != Kind.TENSOR:
            continue
        made = new.last("create")
        if (
            new.device == Place.CPU
            and old.device not in (None, Place.CPU, Place.MAYBE)
            and made is not None
            and contains(loop.body, made.node)
        ):
            return True
    return False


def after_loop(before: dict[str, Value], body: dict[str, Value]) -> dict[str, Value]:
    """The state after a loop whose body may run no times: as ``merge_envs``, but a
    name the body binds first keeps the body's value (without a pass, using it after
    the loop raises ``NameError``: every run that goes on saw the body), and so does
    a number the body makes a tensor."""
    out = merge_envs(before, body)
    for key in body.keys() - before.keys():
        out[key] = body[key]
    for key in before.keys() & body.keys():
        if before[key].kind == Kind.NUMBER and body[key].kind == Kind.TENSOR:
            # an accumulator (``total = 0.0``, then ``total += loss``): a tensor after
            # every run that had a pass (the number left by none moves nothing)
            out[key] = body[key]
        elif (
            before[key].kind == body[key].kind == Kind.LIST
            and not before[key].items
            and body[key].first is not None
        ):
            # ``layers = []``, filled in order in the body: its first member is what
            # the first pass put first (after no pass it holds nothing to run)
            out[key] = body[key]
    return out
