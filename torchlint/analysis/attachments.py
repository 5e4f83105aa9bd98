"""What is attached to a placed model, and judged at the end of the walk: a
submodule set on it (``model.head = nn.Linear(...)``, ``setattr``, ``add_module``,
also on a member, ``model.blocks[0].proj = ...``), or a parameter or buffer
registered on it, made on the CPU after the model was moved, with no move after it
(``LateModuleObs``, TL202)."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint.analysis.expressions import Expressions
from torchlint.analysis.names import dotted
from torchlint.analysis.observations import LateModuleObs
from torchlint.analysis.scope import Scope
from torchlint.analysis.torch_api import PARAMETER_CLASSES, TENSOR_REGISTRARS
from torchlint.analysis.values import Kind, Place, Value
from torchlint.analysis.walk import Late
from torchlint.analysis.weights import holds_no_weights


class Attachments(Expressions):
    """The late attachments of a scope's walk (``flow._Scope`` walks the statements)."""

    def late_assign(
        self,
        parent_path: str | None,
        value: Value,
        stmt: cst.CSTNode,
        what: str = "module",
        name: str = "",
    ) -> None:
        """``value`` attached to ``parent_path`` as a submodule (``what`` "module"),
        or registered there as a buffer or a parameter named ``name``: pending when
        the parent is a placed model (or a part of one) and the value was made on the
        CPU."""
        if parent_path is None or value.kind != (Kind.MODULE if what == "module" else Kind.TENSOR):
            return
        parent = self.lookup(parent_path)
        if parent is None or not parent.on_accelerator:
            return
        placement = parent.last("move", "place")
        if placement is None or not value.events or value.device not in (Place.CPU,):
            return
        if what == "module" and holds_no_weights(value, self.w.analysis):
            return  # pooling, activations, a wrapper of placed parts: nothing to place
        # (self.convs of a placed self: a part with its own ident, whose model the
        # caller holds, is judged by that model, else by itself)
        root, ident = None, 0
        for ident in dict.fromkeys(i for i in (parent.part_of, parent.ident) if i):
            root = next((v for v in self.env.values() if v.ident == ident), None)
            if root is not None:
                break
        while root is not None and root.part_of and root.part_of != ident:
            # (self.blocks, itself a part of self: the model the caller holds; or a
            # forward that called this one, whose self holds this part)
            whole = self._held_by_callers(root.part_of)
            if whole is None:
                # (a forward followed from the model's call: the caller holds the
                # model, and judges it when its walk ends)
                ident = root.part_of if self.in_forward else ident
                break
            root, ident = whole, root.part_of
        if root is None and self.depth > 0 and parent.part_of:
            # A part handed over alone (``model.apply(add_hooks)``, ``f(model.fc)``):
            # the model is the caller's; the part came with its story.
            root = parent
        if root is not None:
            # (Counted without "pass" events: the caller gets the model back without
            # the one its call added.)
            seen = sum(e.action != "pass" for e in root.events)
            foreign = self.w.facts.site is not None  # in another file of the project
            self.w.pending_late[stmt] = Late(
                ident, seen, parent_path, placement, what, name, foreign, self.in_forward
            )
            self.w.late_in_callee[stmt] = self.depth > 0
            self.w.late_roots[stmt] = next((k for k, v in self.env.items() if v.ident == ident), "")

    def _held_by_callers(self, ident: int) -> Value | None:
        """The value ``ident`` in this scope, else in the scopes whose calls led here
        (the ``self`` of the forward that called this part's forward)."""
        scope: Scope | None = self
        while scope is not None:
            held = next((v for v in scope.env.values() if v.ident == ident), None)
            if held is not None:
                return held
            scope = scope.parent
        return None

    def attached(self, parent: str | None, attr: str, value: Value, stmt: cst.CSTNode) -> None:
        """``parent.attr = value``: a module made here attached, or a parameter or
        buffer registered (``model.scale = nn.Parameter(t)``; ``nn.Buffer``)."""
        if value.kind == Kind.MODULE and any(e.action == "create" for e in value.events):
            self.late_assign(parent, value, stmt)
        elif (
            parent == "self"
            and value.kind in (Kind.LIST, Kind.TUPLE)
            and self.cls is not None
            and self.cls.is_module
            and self.stack
            and self.stack[-1].name.value == "__init__"
            and any(item.kind == Kind.MODULE for item in value.items)
        ):
            # (a plain list of the modules a caller handed in: TL302)
            self.w.facts.plain_module_lists.add(stmt, value, self.depth)
        elif value.kind == Kind.TENSOR and (what := self.registers_as(stmt)):
            self.late_assign(parent, value, stmt, what, attr)
            if (
                parent
                and parent.split(".", 1)[0] != "self"
                and value.device not in (None, Place.CPU)
            ):
                # (not a module building itself: its other parts are where it makes them)
                self.part_placed(parent)

    def part_placed(self, parent: str) -> None:
        """``lin.w.weight = nn.Parameter(torch.eye(n, device=device))`` on a module on
        the CPU: a part of it is on a device now, and the module is in no one place."""
        owner = self.lookup(parent.split(".", 1)[0])
        if owner is None or owner.kind != Kind.MODULE or owner.device != Place.CPU:
            return
        for name, held in list(self.env.items()):
            if held.ident == owner.ident:
                self.env[name] = replace(held, device=Place.MAYBE)

    def attach_to_member(self, target: cst.Attribute, value: Value, stmt: cst.CSTNode) -> None:
        """``parts[i].attr = value``: attached to a member of ``parts`` (a part of the
        model as a whole)."""
        base = target.value
        while isinstance(base, cst.Subscript):
            base = base.value
        self.attached(dotted(base), target.attr.value, value, stmt)

    def registers_as(self, stmt: cst.CSTNode) -> str:
        """What ``m.x = nn.Parameter(t)`` / ``m.x = nn.Buffer(t)`` registers ("" for
        any other statement: the screen reads only such calls, ``screen/units.py``)."""
        value = stmt.value if isinstance(stmt, (cst.Assign, cst.AnnAssign)) else None
        q = self.w.analysis.qualify(value.func) if isinstance(value, cst.Call) else None
        if q is None or q not in PARAMETER_CLASSES:
            return ""
        return "buffer" if q.endswith("Buffer") else "parameter"

    def rescued(self, path: str) -> None:
        """``m.total_ops = m.total_ops.to(device)``: a buffer or parameter
        registered on the CPU after placement, moved by hand; or a module attached so
        (``model.fc = nn.Linear(...)``), then moved itself (``model.fc.to(device)``)."""
        for node, late in list(self.w.pending_late.items()):
            if (late.name and f"{late.parent}.{late.name}" == path) or (
                late.what == "module"
                and isinstance(node, cst.Assign)
                and any(dotted(t.target) == path for t in node.targets)
            ):
                del self.w.pending_late[node]

    def holding(self, ident: int) -> tuple[str, Value | None]:
        """The name of this scope that holds the object ``ident``, and its value: a
        name, or an attribute of an instance of a class of the file (``trainer.model``,
        set by ``Trainer.__init__``)."""
        for name, value in self.env.items():
            if value.ident == ident:
                return name, value
        for name, value in self.env.items():
            known = self.w.objects.get(value.ident) if value.kind == Kind.OBJECT else None
            for attr, held in known[1].items() if known is not None else ():
                if held.ident == ident:
                    return f"{name}.{attr.removeprefix('self.')}", held
        return "", None

    def finish(self) -> None:
        """At the end of the scope: submodules (buffers, parameters made on the CPU)
        added after placement and never followed by another placement of the model
        they were added to."""
        self.w.pending_wraps.clear()
        for node, late in self.w.pending_late.items():
            ident, n_events, parent, placement = late.ident, late.seen, late.parent, late.placement
            holder, current = self.holding(ident)
            if current is None or not current.on_accelerator:
                continue  # gone, escaped, or moved back: nothing to say
            later = [e for e in current.events if e.action != "pass"][n_events:]
            if any(e.action in ("move", "place") for e in later):
                continue  # placed again afterwards
            in_callee = self.w.late_in_callee.get(node, False)
            call, name = self.w.late_calls.get(node, (None, holder)) if in_callee else (None, "")
            if late.what != "module" and call is not None and not late.foreign:
                # A buffer or a parameter a function of the file makes on the CPU for
                # the module it is handed: the line to change is where it is made
                # (on that module's device), whoever calls the function.
                obs = LateModuleObs(
                    node,
                    parent,
                    placement,
                    late.what,
                    self.w.late_roots.get(node, ""),
                    name=late.name,
                    via=call,
                )
                self.w.facts.late_modules.add(node, obs, self.depth)
                continue
            self.w.facts.late_modules.add(
                call or node,
                LateModuleObs(
                    call or node,
                    parent,
                    placement,
                    late.what,
                    # (attached in a callee: the model as the call's scope names it)
                    name if in_callee else self.w.late_roots.get(node, ""),
                    in_callee,
                    node if call is not None else None,
                    late.name,
                    in_forward=late.in_forward,
                ),
                self.depth,
            )
        self.w.pending_late.clear()


def registered(expr: cst.BaseExpression) -> tuple[str, str, str, cst.BaseExpression] | None:
    """``m.register_buffer("pos", value)`` / ``m.register_parameter("w", value)``:
    the module's path, the attribute set (empty when the name is not a literal
    identifier), "buffer" or "parameter", and the value."""
    if not (isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute)):
        return None
    what, keyword = TENSOR_REGISTRARS.get(expr.func.attr.value, ("", ""))
    owner = dotted(expr.func.value)
    if not what or owner is None or any(a.star for a in expr.args):
        return None
    positional = [a.value for a in expr.args if a.keyword is None]
    by_name = {a.keyword.value: a.value for a in expr.args if a.keyword is not None}
    name_node = positional[0] if positional else by_name.get("name")
    value = positional[1] if len(positional) > 1 else by_name.get(keyword)
    if name_node is None or value is None:
        return None
    name = name_node.evaluated_value if isinstance(name_node, cst.SimpleString) else None
    attr = name if isinstance(name, str) and name.isidentifier() else ""
    return owner, attr, what, value
