"""Device/dtype flow analysis: what each name holds, statement by statement.

For every scope (the module body, each function, each method) the walker goes through
the statements in order and keeps, per name or attribute path (``model``,
``self.vpm``, ``pipe.transformer``), an abstract ``Value`` (``values.py``): its kind
(module, tensor, encoding, ...), its device and dtype as far as the code shows them,
and the events that changed them, with their nodes (so messages can name the lines).

Rules do not walk anything themselves: the walker records *observations*
(``observations.py``) keyed by the call node they concern (a module called on some
inputs, a parallel wrapper applied, a ``.to()`` whose result is thrown away, a
submodule added after placement), each with the values as they were at that point.
A rule's ``visit_Call`` looks its node up.

The rule of thumb throughout: anything the code does not show is unknown, and unknown never
makes a finding. Branches merge conservatively (a move in one branch of an ``if`` makes the
device "maybe"), loop bodies are walked once and merged with the state before the loop (they
may run zero times), and any value passed to an unknown function may have been changed by it.

This module walks the statements; ``expressions.py`` evaluates expressions and
follows calls into the file's own code, ``effects.py`` says what library calls do,
and ``walk.py`` (the file's) and ``scope.py`` (a function's) hold the state they share.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

import libcst as cst

from torchlint.analysis import (
    attachments,
    bindings,
    branches,
    copies,
    cpu_run,
    derived,
    dicts,
    joins,
    key_loops,
    lightning,
    lists,
    loaders,
    memos,
    plain,
    rebinds,
    recasts,
    shapes,
    subscripts,
    whole,
)
from torchlint.analysis.attachments import Attachments
from torchlint.analysis.branches import dtype_test, is_main_guard, leaves
from torchlint.analysis.effects import TENSOR_COPIES
from torchlint.analysis.facts import ClassFacts, FileFacts
from torchlint.analysis.loops import after_loop
from torchlint.analysis.names import attribute_like, attribute_name, dotted, string_key
from torchlint.analysis.observations import CpuRunObs, DiscardObs, FlowFacts
from torchlint.analysis.paths import merge_envs
from torchlint.analysis.project import Home
from torchlint.analysis.torch_api import (
    NO_GRAD_CONTEXTS,
    SUBMODULE_ADDERS,
    no_grad_decorated,
)
from torchlint.analysis.values import (
    BATCH_ENTRY,
    BUFFER,
    CONSTANT,
    NOT_TENSOR,
    UNKNOWN,
    Event,
    Kind,
    Place,
    Value,
    carried,
    is_none,
    keyed,
    new_ident,
    new_value,
)
from torchlint.analysis.walk import Walk, class_methods
from torchlint.lint.traverse import nodes

# Statements that bind nothing the walk follows and evaluate nothing.
_INERT_STATEMENTS = frozenset({cst.Import, cst.ImportFrom, cst.Pass, cst.Break, cst.Continue})
# Kinds of value that are never ``None``: ``x is None`` is False.
_NEVER_NONE = frozenset(
    {
        Kind.TENSOR,
        Kind.MOVED,
        Kind.MODULE,
        Kind.WRAPPER,
        Kind.NDARRAY,
        Kind.NUMBER,
        Kind.TUPLE,
        Kind.LIST,
        Kind.OBJECT,
        Kind.FUNCTION,
    }
)


class _Scope(Attachments):
    """A scope's statements, walked in order (``Expressions`` evaluates what is in them)."""

    # ------------------------------------------------------------ statements
    def body(self, statements: Sequence[cst.CSTNode]) -> None:
        for stmt in statements:
            self.statement(stmt)

    def statement(self, stmt: cst.CSTNode) -> None:
        if isinstance(stmt, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            outer, self.stmt = self.stmt, stmt
            try:
                self._statement(stmt)
            finally:
                self.stmt = outer
        else:
            self._statement(stmt)

    def _statement(self, stmt: cst.CSTNode) -> None:
        if type(stmt) is cst.SimpleStatementLine:
            self.body(stmt.body)
        elif type(stmt) is cst.Assign:
            value = self.unpacked(stmt) or self.gpu_test(stmt.value, self.eval(stmt.value))
            for target in stmt.targets:
                name = dotted(target.target)
                if name is not None and name.endswith(".data"):
                    recasts.recast(self, name, stmt.value, stmt)
                    copies.replaced(self, name[: -len(".data")], stmt)
                self.assign(target.target, value, stmt)
        elif type(stmt) is cst.AnnAssign and stmt.value is not None:
            self.assign(stmt.target, self.eval(stmt.value), stmt)
        elif type(stmt) is cst.Del:
            for deleted in nodes(stmt.target, cst.Subscript):  # del batch["labels"]
                held = self.eval(deleted.value)
                if held.kind == Kind.ENCODING and held.keys and held.ident:
                    self.forget(held.ident)
        elif type(stmt) is cst.AugAssign:
            value = self.eval(stmt.value)
            name = dotted(stmt.target)
            if name is not None:
                # s += p on tensors: in place, where s is (its operand met it there)
                old = self.lookup(name) or UNKNOWN
                self.set(name, joins.in_place(self, stmt, old, value))
            elif type(stmt.target) is cst.Subscript:  # out[:, idx] /= w: a view, in place
                joins.in_place(self, stmt, self.eval(stmt.target), value)
        elif type(stmt) is cst.Expr:
            expr = stmt.value
            known = None
            if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
                known = self.lookup(dotted(expr.func.value) or "")
            if not (isinstance(expr, cst.Call) and dotted(expr.func) == "object.__setattr__"):
                self.eval(expr)  # (which hands the value to nothing that moves it)
            if (
                (known is None or known.kind is None)
                and isinstance(expr, cst.Call)
                and isinstance(expr.func, cst.Attribute)
                and expr.func.attr.value in ("to", "cuda")
            ):
                self.in_place_move(expr, expr.func)
            # (x.to(device) as a statement; also x.to(d), y.to(d) as one)
            calls = [e.value for e in expr.elements] if type(expr) is cst.Tuple else [expr]
            for call in calls:
                if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Attribute):
                    continue
                moved = call.func.value
                # (batch["ids"].to(device): an entry of a dict or an encoding)
                receiver = (
                    self.eval(moved)
                    if type(moved) is cst.Subscript
                    else self.lookup(dotted(moved) or "")
                )
                if (
                    receiver is not None
                    and receiver.kind == Kind.TENSOR
                    and receiver.origin != BATCH_ENTRY  # (maybe a dict of models)
                    and call.func.attr.value in TENSOR_COPIES
                ):
                    self.w.facts.discarded.add(call, DiscardObs(call, receiver, stmt), self.depth)
            if (
                isinstance(expr, cst.Call)
                and dotted(expr.func) in ("setattr", "object.__setattr__")
                and len(expr.args) >= 3
            ):
                owner, value = dotted(expr.args[0].value), self.eval(expr.args[2].value)
                if dotted(expr.func) == "setattr":  # (object.__setattr__ registers nothing)
                    self.late_assign(owner, value, stmt)
                attr = attribute_name(expr.args[1].value)
                if owner is not None and attr is not None and attribute_like(attr):
                    # setattr(self, "pos_embed", t): what self.pos_embed = t binds
                    if owner.count(".") == 0:
                        self.instance_data(f"{owner}.{attr}", value)
                    self.set(f"{owner}.{attr}", value)
            if (
                isinstance(expr, cst.Call)
                and isinstance(expr.func, cst.Attribute)
                and expr.func.attr.value in SUBMODULE_ADDERS
                and len(expr.args) >= 2
            ):  # model.add_module("head", nn.Linear(...))
                self.late_assign(dotted(expr.func.value), self.eval(expr.args[1].value), stmt)
            registered = attachments.registered(expr)
            if registered is not None:
                owner, attr, what, tensor = registered
                value = self.eval(tensor)  # self.register_buffer("pos", t)
                if what == "buffer" and value.kind == Kind.TENSOR and attr:
                    self.set(f"{owner}.{attr}", replace(value, origin=BUFFER))
                self.late_assign(owner, value, stmt, what, attr)
        elif type(stmt) is cst.Return:
            value = UNKNOWN if stmt.value is None else self.eval(stmt.value)
            if self.gpu_run_returned:
                pass
            elif stmt.value is not None and self.rebuilt(stmt.value):
                self.dropped = True  # {k: f(v) ...} in a leaf walk (``shapes.py``)
            elif not memos.cached_read(self, stmt.value, value):
                self.hand_back(value, stmt)
            elif (kept := memos.stored_read(self, stmt.value)) is not None:
                self.hand_back(kept, stmt)  # (what this call stored in the memo)
        elif type(stmt) is cst.If:
            self.eval(stmt.test)
            decided = self.constant(stmt.test)
            if decided is not None:
                # ``if cast and is_trainable:`` with ``is_trainable=False`` passed
                # by the caller: this call runs one branch only, and when that
                # branch returns, what the function returns is decided there.
                self._branch(stmt.body if decided else stmt.orelse)
                if decided and id(stmt) in self.top and leaves(stmt.body.body):
                    self.gpu_run_returned = True
                return
            taken = self.guard(stmt.test) or branches.option_branch(
                stmt.test, stmt.body, stmt.orelse
            )
            if taken is not None:
                self.w.facts.gpu_tests[id(stmt)] = taken
            before = dict(self.env)
            returns = len(self.returns)
            # (Only inside a loop over a model's parameters is this asked.)
            selects = bool(self.w.param_levels) and recasts.selects_subset(stmt.test)
            self.selecting += selects
            with self.w.gpu_run_only(taken == "body" and not is_main_guard(stmt.test)):
                self.body(stmt.body.body)
            after_body = self.env
            self.env = dict(before)
            body_returns = len(self.returns)
            # ``if isinstance(obj, torch.Tensor): return obj.to(device)`` in a leaf
            # walk (``shapes.py``): past it, ``obj`` is not a tensor (what a recursive
            # mover hands back as it is).
            narrowed = None
            if self.leaf_walk and taken is None and leaves(stmt.body.body):
                narrowed = shapes.tensor_test(stmt.test, self.w.analysis.qualify)
            if narrowed is not None:
                self.set(narrowed, Value(None, origin=NOT_TENSOR))
            if stmt.orelse is not None:
                # ``if torch.is_tensor(v): ... else: out[k] = v``: there, ``v`` is none
                tested = shapes.tensor_test(stmt.test, self.w.analysis.qualify)
                kept = self.lookup(tested) if tested is not None and taken is None else None
                if tested is not None and kept is not None and kept.kind is None:
                    self.set(tested, Value(None, origin=NOT_TENSOR))
                with self.w.gpu_run_only(taken == "orelse"):
                    self._branch(stmt.orelse)
            self.selecting -= selects
            # A device guard: the crash happens in the GPU run, so the state after
            # it is that run's (both branches are still walked and observed), and so
            # is what the function returns.
            if taken == "body":
                del self.returns[body_returns:]
                del self.returned_at[body_returns:]
                if id(stmt) in self.top and leaves(stmt.body.body):
                    self.gpu_run_returned = True  # the rest is the CPU run's
            elif taken == "orelse":
                del self.returns[returns:body_returns]
                del self.returned_at[returns:body_returns]
            if taken == "body":
                if not is_main_guard(stmt.test):
                    self.gpu_only(before, after_body)
                    self.cpu_run(stmt, after_body)
                    cpu_run.chosen(after_body, self.env)
                    self.w.facts.cpu_only_casts |= cpu_run.cast_idents(before, self.env)
                self.env = after_body
            elif taken == "orelse":
                self.gpu_only(before, self.env)
                cpu_run.chosen(self.env, after_body)
                self.w.facts.cpu_only_casts |= cpu_run.cast_idents(before, after_body)
            elif branches.grows_cache(stmt):
                # ``if n > self.max_len: self.max_len = n; self._build(n, x.device)``:
                # the run that crashes is the one whose cache was big enough, built
                # where ``__init__`` put it (the grown one follows the input); a cache
                # ``__init__`` left None is only ever the one this body builds.
                self.env.update(branches.first_built(before, after_body))
            elif taken != "orelse":
                merged = merge_envs(after_body, self.env)
                for key, held in after_body.items():
                    if key.startswith("self.") and key not in before and key not in self.env:
                        # (an attribute only the branch sets exists only after it ran:
                        # a method that reads it reads what the branch set)
                        merged[key] = held
                filled = branches.filled_default(stmt, before)
                if filled is not None and filled in after_body:
                    # ``if h is None: h = torch.zeros(...)``: an argument nobody passed
                    # is what the default path makes; the other path knows nothing.
                    merged[filled] = after_body[filled]
                self.env = merged
                if narrowed is not None:
                    self.set(narrowed, Value(None, origin=NOT_TENSOR))
        elif type(stmt) is cst.For and (unrolled := self.unrolled(stmt)) is not None:
            for member in unrolled:
                self.assign(stmt.target, member, stmt)
                self.body(stmt.body.body)
            if stmt.orelse is not None:
                self.body(stmt.orelse.body.body)
        elif type(stmt) is cst.For or type(stmt) is cst.While:
            element, members = UNKNOWN, tuple[Value, ...]()
            if isinstance(stmt, cst.For):
                element = self.element(stmt.iter)
                self.assign(stmt.target, element, stmt)
                members = self.module_members(stmt.iter)
                rebinds.loop_rebinds(self, stmt)
            else:
                self.eval(stmt.test)
            before = dict(self.env)
            by_key = self.loop_body(stmt, before)
            self.second_pass(stmt, before, element)
            if members and type(stmt) is cst.For and isinstance(stmt.target, cst.Name):
                self.each_moved(stmt.target.value, element, members)
            if type(stmt) is cst.For and element.kind in (Kind.MODULE, Kind.TUPLE):
                recasts.module_loop(self, stmt, element)
            self.env = after_loop(before, self.env)
            if by_key is not None:  # (a dict moved in place, key by key: after the loop)
                key_loops.moved_in_place(self, *by_key, before)
            if stmt.orelse is not None:
                self.body(stmt.orelse.body.body)
        elif type(stmt) is cst.With:
            autocast = no_grad = False
            for with_item in stmt.items:
                self.eval(with_item.item)
                if isinstance(with_item.item, cst.Call):
                    q = self.w.analysis.qualify(with_item.item.func) or ""
                    autocast = (
                        autocast or q.endswith(".autocast") or q.endswith("autocast_mode.autocast")
                    )
                    no_grad = no_grad or q in NO_GRAD_CONTEXTS
                if with_item.asname is not None:
                    name = dotted(with_item.asname.name)  # type: ignore[arg-type]
                    if name is not None:
                        self.set(name, UNKNOWN)
            outer = self.device_context
            self.device_context = self.device_context_of(stmt) or outer
            self.autocast += autocast
            self.no_grad += no_grad
            try:
                self.body(stmt.body.body)
            finally:
                self.autocast -= autocast
                self.no_grad -= no_grad
                self.device_context = outer
        elif type(stmt) is cst.Try or type(stmt) is cst.TryStar:
            # After it: the body's state (then ``else``'s), or a handler's, which may
            # start anywhere in the body; a handler that raises or returns leaves.
            before = dict(self.env)
            self.body(stmt.body.body)
            entry = merge_envs(before, self.env)
            if stmt.orelse is not None:
                self.body(stmt.orelse.body.body)
            merged = self.env
            for handler in stmt.handlers:
                self.env = dict(entry)
                self.body(handler.body.body)
                if not leaves(handler.body.body):
                    merged = merge_envs(merged, self.env)
            self.env = merged
            if stmt.finalbody is not None:
                self.body(stmt.finalbody.body.body)
        elif type(stmt) is cst.FunctionDef or type(stmt) is cst.ClassDef:
            name = stmt.name.value
            made = self.w.reference(name) if self is self.w.module_scope else None
            if made and (self.w.top_functions.get(name) is stmt or type(stmt) is cst.ClassDef):
                self.set(name, made)  # net = linreg; load(Net): the class, called there
            elif self.entry and type(stmt) is cst.FunctionDef and self is not self.w.module_scope:
                closure = Value(Kind.FUNCTION, ident=new_ident(), origin=name)
                self.w.closures[closure.ident] = (stmt, self)
                self.set(name, closure)
            else:
                self.set(name, UNKNOWN)
        elif type(stmt) is cst.Global or type(stmt) is cst.Nonlocal:
            for item in stmt.names:
                self.set(item.name.value, UNKNOWN)
        elif type(stmt) in _INERT_STATEMENTS:
            return
        else:
            for child in stmt.children:
                if isinstance(child, cst.BaseExpression):
                    self.eval(child)

    def device_context_of(self, stmt: cst.With) -> tuple[Place, cst.BaseExpression] | None:
        """``with torch.device(d):``: what is made inside lands on ``d``."""
        for with_item in stmt.items:
            item = with_item.item
            if isinstance(item, cst.Call) and self.w.analysis.qualify(item.func) == "torch.device":
                place, expr = self.device_of(item)
                return (place or Place.VAR), (expr or item)
        return None

    def in_place_move(self, call: cst.Call, func: cst.Attribute) -> None:
        """``model.to(device)`` as a statement, on a name we knew nothing about: only
        a module moves in place, so that is what it holds from now on (a tensor there
        would be a no-op, which TL205 reports when the kind is known)."""
        name = dotted(func.value)
        if name is None:
            return
        if func.attr.value == "to":
            (device, expr), _ = self.to_args(call)
        else:
            device, expr = Place.CUDA, (call.args[0].value if call.args else None)
        if device in (None, Place.MAYBE):
            return
        self.set(
            name,
            new_value(Kind.MODULE, device, None, Event("move", call, device), device_expr=expr),
        )

    def assign(self, target: cst.BaseExpression, value: Value, stmt: cst.CSTNode) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            elements = [e for e in target.elements if isinstance(e, cst.Element)]
            starred = len(elements) != len(target.elements)
            # (first, *rest = pair: those before the star take the first items, those after the last)
            star = next(
                (i for i, e in enumerate(target.elements) if not isinstance(e, cst.Element)), 0
            )
            for i, element in enumerate(elements):
                if value.kind == Kind.TUPLE and len(value.items) == len(elements) and not starred:
                    part = value.items[i]
                elif value.kind == Kind.TUPLE and starred and len(value.items) >= len(elements):
                    part = value.items[i if i < star else i - len(elements) + len(value.items)]
                elif (
                    value.kind == Kind.LIST
                    and value.items
                    and value.items[0].kind in (Kind.TENSOR, Kind.MOVED, Kind.NDARRAY)
                    and not starred
                ):
                    # x, y = [f(v) for v in batch]: each a member (all of them merged)
                    part = replace(value.items[0], ident=new_ident(), moved_from=0)
                elif value.kind in (Kind.TENSOR, Kind.ENCODING) and not value.keys and not starred:
                    # x, y = batch: the parts of a batch (or the rows of a tensor)
                    part = replace(value, kind=Kind.TENSOR, ident=new_ident(), moved_from=0)
                elif value.kind == Kind.MOVED and not starred:
                    # x, y = batch.to(device): whatever the parts are, they moved with it
                    part = replace(value, ident=new_ident(), moved_from=0)
                else:
                    part = UNKNOWN
                self.assign(element.value, part, stmt)
            for starred_element in target.elements:
                if isinstance(starred_element, cst.StarredElement):
                    name = dotted(starred_element.value)
                    if name is not None:
                        self.set(name, UNKNOWN)
            return
        name = dotted(target)
        if name is None:
            if isinstance(target, cst.Subscript):
                if id(target) in self.watched:  # (a store of a loop by key: key_loops.py)
                    self.watched[id(target)] = value
                memos.store(self, target, value)
                subscripts.stored(self, target)  # (mask[scores > t] = 1: its index meets it)
                if value.kind == Kind.MODULE:
                    # model.blocks[i] = Block(...): a member of a ModuleList replaced
                    self.late_assign(dotted(target.value), value, stmt)
                    lists.module_dict_filled(self, target, value)
                self.set_entry(target, value)
            elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Subscript):
                # self.convs[i].weight = nn.Parameter(t): set on a member of self.convs
                self.attach_to_member(target, value, stmt)
            return
        old = self.env.get(name)
        memos.bound(self, name, stmt, target)  # (hit = _CACHE.get(key); return hit)
        if "." in name:
            parent, _, attr = name.rpartition(".")
            self.attached(parent, attr, value, stmt)
        if "." in name and value.device not in (None, Place.CPU, Place.MAYBE):
            self.rescued(name)
        if name.count(".") == 1:
            self.instance_data(name, value)
        if old is not None and value.moved_from and old.ident == value.moved_from:
            # x = x.to(device): any other name still holding the old x is now stale.
            move = value.last("move")
            if move is not None:
                for other, v in self.env.items():
                    if other != name and v.ident == old.ident:
                        self.w.moved_away[old.ident] = (name, move)
        derived.moved(self, value)
        self.set(name, value)

    def set_entry(self, target: cst.Subscript, value: Value) -> None:
        """``batch["latents"] = ...`` on a dict whose entries are known: that entry
        (for every name holding the dict); any other key makes them unknown."""
        owner = self.eval(target.value)
        whole.write(self, owner, value)  # ids[i, :n] = codes on a float buffer
        if owner.kind == Kind.LIST and (name := dotted(target.value)) in self.env:
            self.set(name, lists.filled(owner, value))  # output[i] = det
            return
        key = string_key(target) or subscripts.key_held(self, target)
        if owner.kind == Kind.OPTIONS and owner.keys and owner.ident:
            if key is None or value.kind is None:
                self.forget(owner.ident)  # cfg[name] = ...: a dict of settings changed
                return
            # parts["controlnet"] = ControlNetModel...: that entry, the others kept
            entries = dict(zip(owner.keys, owner.items, strict=True))
            entries[key] = value
            keys, items = tuple(entries), tuple(entries.values())
            self.update_ident(owner.ident, replace(owner, keys=keys, items=items))
            return
        grown = dicts.filled(owner, key, value) if owner.ident else None
        if owner.ident and (labelled := loaders.with_entry(owner, key, value)) is not None:
            grown = labelled  # enc["labels"] = ids on a tokenizer's output
        if grown is not None:
            self.update_ident(owner.ident, grown)
        if owner.kind != Kind.ENCODING or not owner.keys or not owner.ident:
            return
        if key is None:
            self.forget(owner.ident)
            return
        entries = dict(zip(owner.keys, owner.items, strict=True))
        entries[key] = value
        self.update_ident(owner.ident, keyed(list(entries), list(entries.values())))

    def _branch(self, branch: cst.BaseSuite | cst.If | cst.Else | None) -> None:
        if isinstance(branch, cst.If):
            self.statement(branch)  # elif
        elif isinstance(branch, cst.Else):
            self.body(branch.body.body)
        elif branch is not None:
            self.body(branch.body)

    def constant(self, test: cst.BaseExpression) -> bool | None:
        """The value of ``test`` when the call being followed decides it: a parameter
        the caller passed ``True`` or ``False`` to, also under ``not``, ``and``,
        ``or``. (Module-level flags are left to both branches: a user flips them.)"""
        if type(test) is cst.Call and dotted(test.func) == "isinstance":
            return shapes.instance_check(self, test)
        if (
            type(test) is cst.Call
            and len(test.args) == 1
            and self.w.analysis.qualify(test.func) == "torch.is_tensor"
        ):
            value = self.lookup(dotted(test.args[0].value) or "")
            return None if value is None else shapes.instance_of(value, shapes.TENSOR)
        if type(test) is cst.UnaryOperation and isinstance(test.operator, cst.Not):
            inner = self.constant(test.expression)
            return None if inner is None else not inner
        if type(test) is cst.BooleanOperation:
            left, right = self.constant(test.left), self.constant(test.right)
            if isinstance(test.operator, cst.And):
                return False if False in (left, right) else True if left and right else None
            return True if True in (left, right) else False if left is right is False else None
        if type(test) is cst.Comparison and len(test.comparisons) == 1:
            for found in (self.none_test(test), branches.text_test(test, self.lookup)):
                if found is not None:
                    return found
            return dtype_test(test, self.eval)
        if type(test) is cst.Name and self.depth > 0 and self.stack:
            params = self.stack[-1].params
            named = {p.name.value for p in (*params.params, *params.kwonly_params)}
            value = self.env.get(test.value)
            if test.value in named and value is not None and value.origin.startswith(CONSTANT):
                return value.origin == CONSTANT + "True"
        if (
            type(test) is cst.Attribute
            and isinstance(test.value, cst.Name)
            and test.value.value == "self"
            and self.depth > 0
        ):
            # self.global_context of an instance the file made: set in __init__ from
            # a flag its constructor call passed or left at its default
            value = self.lookup(f"self.{test.attr.value}")
            if value is not None and value.origin in (CONSTANT + "True", CONSTANT + "False"):
                return value.origin == CONSTANT + "True"
        return None

    def none_test(self, test: cst.Comparison) -> bool | None:
        """``x is None`` / ``x is not None`` where the walk knows: a parameter the
        call left at its default ``None``, or a tensor, module or dict it knows."""
        target = test.comparisons[0]
        if not isinstance(target.operator, (cst.Is, cst.IsNot)) or not (
            isinstance(target.comparator, cst.Name) and target.comparator.value == "None"
        ):
            return None
        name = dotted(test.left)
        value = self.lookup(name) if name is not None else None
        if value is None or value.optional:
            return None
        if is_none(value):
            none = True
        elif value.kind in _NEVER_NONE:
            none = False
        else:
            return None
        return none if isinstance(target.operator, cst.Is) else not none

    def gpu_only(self, before: dict[str, Value], gpu_run: dict[str, Value]) -> None:
        """Remember the casts and moves of the branch only the GPU run takes."""
        for action, found in (
            ("cast", self.w.facts.gpu_only_casts),
            ("move", self.w.facts.gpu_only_moves),
        ):
            # (also what a dict or a list holds: batch["image"] = batch["image"].cuda())
            made = {
                id(e.node) for v in _held(gpu_run.values()) for e in v.events if e.action == action
            }
            made -= {
                id(e.node) for v in _held(before.values()) for e in v.events if e.action == action
            }
            found |= made

    def cpu_run(self, guard: cst.If, gpu_run: dict[str, Value]) -> None:
        """After ``if torch.cuda.is_available(): <body>``, where ``self.env`` is still
        the state of the run without a GPU: a float16 module the body moved to the GPU
        stays on the CPU in float16 in that run."""
        for name, gpu in gpu_run.items():
            if gpu.kind not in (Kind.MODULE, Kind.WRAPPER) or not gpu.on_accelerator:
                continue
            cpu = self.env.get(name)
            if (
                cpu is None
                or cpu.ident != gpu.ident
                or cpu.device != Place.CPU
                or cpu.dtype != "float16"
            ):
                continue
            cast, move = cpu.last("cast"), gpu.last("move")
            if cast is not None and id(cast.node) in self.w.facts.gpu_only_casts:
                continue  # cast under an earlier device check: not in the CPU run
            if cast is not None and move is not None and move not in cpu.events:
                self.w.facts.cpu_run_half[move.node] = CpuRunObs(cast, move, guard)

    def module_members(self, iterable: cst.BaseExpression) -> tuple[Value, ...]:
        """The modules of a list or tuple the code loops over (``for net in
        self.controlnets``), each still known as itself."""
        path = dotted(iterable)
        value = self.lookup(path) if path is not None else None
        if value is None or value.kind not in (Kind.LIST, Kind.TUPLE):
            return ()
        return tuple(v for v in value.items if v.kind in (Kind.MODULE, Kind.WRAPPER) and v.ident)

    def each_moved(self, name: str, element: Value, members: tuple[Value, ...]) -> None:
        """``for net in nets: net.to(device)``: what the loop did to the loop name
        (moved, cast) it did to every member."""
        after = self.env.get(name)
        if after is None or after.kind not in (Kind.MODULE, Kind.WRAPPER):
            return
        done = tuple(e for e in after.events[len(element.events) :] if e.action in ("move", "cast"))
        if not done:
            return
        moved = any(e.action == "move" for e in done)
        cast = any(e.action == "cast" for e in done)
        for member in members:
            self.update_ident(
                member.ident,
                replace(
                    member,
                    device=after.device if moved else member.device,
                    device_expr=after.device_expr if moved else member.device_expr,
                    dtype=after.dtype if cast else member.dtype,
                    events=member.events + done,
                ),
            )


class FlowWalker(Walk):
    """Walks one file: the module body, then each class (``__init__`` first), then
    each function."""

    # The attribute names the file reads on anything but ``self`` (``plain.py``), and
    # the LightningDataModule the script hands ``Trainer.fit`` (``lightning.py``).
    _outside: set[str] | None = None
    datamodule: Value | None = None

    def run(self, module: cst.Module) -> FlowFacts:
        scope = _Scope(self, {})
        self.module_scope = scope
        try:
            scope.body(module.body)
        finally:
            self.module_scope = None
        scope.finish()
        # What the module body bound (a device, a dtype, a model built and placed at
        # top level) is what a function sees when the script calls it, at its end.
        self.globals = {k: v for k, v in scope.env.items() if carried(v)}
        self.datamodule = lightning.datamodule(self.analysis, scope.env, self.objects)
        for cls in self.analysis.classes.values():
            self._class(cls)
        for fn in self.analysis.functions.values():
            if fn.cls is not None and fn.node in {m for m in class_methods(fn.cls)}:
                continue  # walked with its class
            self._function(fn.node, {}, fn.cls)
        self.facts.files = self.visited
        return self.facts

    def bindings_of(self, home: Home) -> dict[str, Value]:
        return bindings.of(home, lambda: _Scope(self, {}), self.bound)

    def _class(self, cls: ClassFacts) -> None:
        methods = class_methods(cls)
        init = next((m for m in methods if m.name.value == "__init__"), None)
        attrs: dict[str, Value] = {}
        if init is not None:
            env = self._function(init, {}, cls)
            # Outside __init__ the whole module may have been moved or cast by its
            # owner: keep what each attribute IS, forget where it is (but for what
            # stays as __init__ left it: ``plain.py``).
            attrs = plain.attributes(cls, self.methods(cls), env, self._read_outside)
        lightning_module = lightning.is_lightning(cls, self.analysis)
        callback = lightning.is_callback(cls, self.analysis)
        setters = plain.sole_setters(self.methods(cls), set(attrs))
        left: dict[str, Value] = {}  # (what those setters left, for the others)
        # (the methods that alone set an attribute first: ``fit`` before ``predict``)
        for method in sorted(methods, key=lambda m: m.name.value not in setters):
            if method is not init:
                # (a step hook is where Lightning enters: it follows the file's helpers)
                step = (
                    lightning.step_env(method, attrs, self.datamodule) if lightning_module else {}
                )
                step = lightning.hook_env(method) if callback else step
                end = self._function(method, {**left, **attrs, **step}, cls, bool(step))
                keys = setters.get(method.name.value, set())
                if keys:
                    ended = {k: v for k, v in end.items() if k in keys}
                    left.update(plain.attributes(cls, self.methods(cls), ended, self._read_outside))

    def _read_outside(self) -> set[str]:
        if self._outside is None:
            self._outside = plain.read_outside(self.analysis.module)
        return self._outside

    def _function(
        self,
        node: cst.FunctionDef,
        env: dict[str, Value],
        cls: ClassFacts | None = None,
        entry: bool = False,
    ) -> dict[str, Value]:
        self.moved_away = {}
        p = node.params
        env = {**self.globals_for(node), **env}
        for param in (*p.posonly_params, *p.params, *p.kwonly_params, p.star_arg, p.star_kwarg):
            if isinstance(param, cst.Param):
                env.setdefault(param.name.value, UNKNOWN)
        scope = _Scope(self, env, cls=cls)
        scope.entry = scope.entry or entry
        scope.no_grad = int(no_grad_decorated(self.analysis, node))
        scope.body(node.body.body)
        scope.finish()
        return scope.env


def flow(analysis: FileFacts, module: cst.Module) -> FlowFacts:
    """What the walk of ``module`` (whose facts are ``analysis``) observed."""
    return FlowWalker(analysis).run(module)


def _held(values: Iterable[Value], depth: int = 2) -> Iterator[Value]:
    """``values`` and what they hold (the entries of a dict, the members of a list),
    ``depth`` levels down."""
    for value in values:
        yield value
        if depth and value.items:
            yield from _held(value.items, depth - 1)
