"""Where a finding about an input of the wrong dtype lands (TL105, TL107, TL109):
the line that gave the input its dtype, the call, or the caller's argument; or, for
an input made in another module's dtype on purpose, where the module it meets got
its own (``follows_other``); for a model left in float32 that meets another model's
half output, where it was made (``meets_cast_model``)."""

from __future__ import annotations

import libcst as cst

from torchlint.analysis.loaders import loaded
from torchlint.analysis.names import dotted
from torchlint.analysis.observations import CallObs
from torchlint.analysis.order import contains, innermost_function
from torchlint.analysis.torch_api import FLOATING_DTYPES, HALF_DTYPES, says_dtype, torch_dtype
from torchlint.analysis.values import OUTPUT, Event, Kind, Value
from torchlint.checks._build import method_call
from torchlint.checks._devices import model_name, name_of
from torchlint.lint.traverse import nodes
from torchlint.rules.rule import FixSpec, Replace, Rule


class InputSite:
    """Where an input of the wrong dtype is reported: on the line that made it so
    (its creation or cast, the line to change), once, when that line is in this
    file; else at the call that runs the module, or, when a call of the file handed
    the input over to the function making that call, at the caller's argument. The
    fix converts the input at that call (or argument) whatever line the finding is
    on: at a module's call it is what the module needs (safe); at a function's call
    it changes what the whole function receives, and in a forward what every
    instance of the class receives (unsafe). With ``moves`` (an input in the default
    dtype meeting a module cast to another), a creation moved afterwards is reported
    at its last move: where the dtype belongs."""

    def __init__(
        self,
        rule: Rule,
        arg: cst.Arg,
        value: Value,
        obs: CallObs,
        moves: bool = False,
        site: cst.CSTNode | None = None,
        at_use: bool = False,
        at_conversion: bool = False,
        members: bool = False,
    ) -> None:
        """``members``: ``value`` is what every tensor of a list argument is (the
        images of a detection model's ``model(images)``): told so, with no fix at the
        call (a list has no ``.float()``).
        ``at_use``: the input's making is right and its use is wrong (one-hot
        rows fed as features): reported at the call, never at the making.
        ``at_conversion``: numpy data whose dtype a cast decided (``.astype(np.uint8)``)
        is reported where it was made a tensor (``torch.from_numpy``), not at the cast.
        ``site``: the call of this file the rule visits. Where the input is handed
        to the module in another file (a forward the call led into), the finding
        lands there, or, when that run lints the file too, on the other file's line
        that gave the input its dtype (``torchlint.lint.forward``)."""
        self.rule = rule
        self.obs = obs
        self.made = None if at_use else value.dtype_event()
        created = value.last("create")
        if (
            at_conversion
            and self.made is not None
            and created is not None
            and created.source is self.made
            and self.made.action == "cast"
        ):
            # (numpy data cast, then made a tensor: where it enters torch)
            self.made = created
        # Arithmetic of two tensors of that dtype (a "join") leaves no line to change
        # before it: the first move after it (``.to(device)``, where a dtype can go
        # too), else the use.
        self.joined: Event | None = None
        self.moved_from: Event | None = None
        self.handed = value.handed_in()
        node = self.handed.node if self.handed is not None else arg.value
        assert isinstance(node, cst.BaseExpression)
        self.node: cst.BaseExpression = node
        if self.made is not None and self.made.action == "join":
            self.joined, self.made = self.made, value.next_after(self.made, "move")
        elif moves and self.made is not None and self.made.action == "create":
            # (TL107) Made in the default dtype, then moved (``x =
            # batch["pixels"].to(device)``) for a module in another: the move is
            # where the dtype belongs, the making may serve other callers well.
            moved = _last_move_after(value, self.made)
            if moved is not None and _same_function(rule, moved.node, (self.made.node, node)):
                self.moved_from, self.made = self.made, moved
        code = rule.ctx.code_for
        self.name = dotted(self.node) or code(self.node)
        self.held = obs.env.get(self.name)
        self.site = site if site is not None and not rule.ctx.in_this_file(node) else None
        self.members = members

    def report(
        self,
        dtype: str,
        problem: str,
        method: str,
        fix_message: str,
        aside: str = "",
        made_at: str = "",
        unsafe: bool = False,
        more: dict[str, cst.CSTNode] | None = None,
        fixed: bool = True,
        made_there: bool = False,
    ) -> None:
        """``fixed``: False where the conversion is right on one path only (no fix).
        ``made_there``: a line of another file that gave the input its dtype is the
        line to change even where this file's call hands the input over (TL110: ids
        made floating there); it is reported for that file when the run lints it."""
        obs, name = self.obs, self.name
        related: dict[str, cst.CSTNode] = dict(more or {})
        here = self.site or self.node
        at: cst.CSTNode = here
        made = self.made
        joined = self.joined
        if made is None and self.rule.once_at(self.node, here) is None:
            return  # reported on that argument already
        if joined is not None:
            related["joined"] = joined.node
        if made is not None:
            related["made"] = made.node
            if not contains(self.node, made.node):
                once = self.rule.once_at(made.node, here, self.site is not None or made_there)
                if once is None:
                    return  # reported on that line already
                at = once
            elif self.site is not None:  # (the argument in the other file is the line)
                once = self.rule.once_at(self.node, here, forward=True)
                if once is None:
                    return
                at = once
        if at is here or at is self.node:
            where = f" ({made_at}line <line:made>)" if made is not None else ""
            if self.moved_from is not None:
                related["created"] = self.moved_from.node
                where = f" ({made_at}line <line:created>)"
            if joined is not None:
                where = " (by the arithmetic of line <line:joined>)"
            subject = f"`{name}` is {dtype}{where} but"
            if self.members:
                subject = f"the tensors in `{name}` are {dtype}{where} but"
            there = ""
            if self.site is not None and at is here:  # (called in another file)
                there = " at line <line:call>"
                related["call"] = self.node if self.handed is not None else obs.node
        else:
            subject = f"`{name}` is {dtype} from here, and"
            if self.members:
                subject = f"{dtype} data made here reaches the list `{name}`, and"
            if self.moved_from is not None:
                related["created"] = self.moved_from.node
                subject = (
                    f"`{name}` is {dtype} here (made at line <line:created>: the dtype "
                    "belongs in this move), and"
                )
            if joined is not None:
                subject = (
                    f"`{name}` is {dtype} here (made so by the arithmetic of line "
                    "<line:joined>: the dtype belongs in this move), and"
                )
            there = " at line <line:call>"
            related["call"] = self.node
        if self.handed is not None:
            callee = (
                f"`{self.handed.detail}`{there} passes it to `{obs.callee}` "
                f"(line <line:used>), which"
            )
            related["used"] = obs.node
        else:
            callee = f"`{obs.callee}`{there}"
        # At a module's call the cast is what the module needs; at a function's call
        # it changes what the whole function receives.
        # (Unsafe also where the conversion alone may not be what the model wants:
        # integer pixels are usually scaled too.)
        # A call inside a forward runs this instance's dtype: another instance of the
        # class may run in another one.
        safe = (
            (self.handed.path == "module" if self.handed is not None else not obs.in_forward)
            and not unsafe
            and not (self.held is None and _filled_by_key(self.rule, self.node))
        )
        fix = (
            FixSpec.safe_if(
                safe,
                Replace(self.node, method_call(self.node, method)),
                message=fix_message.format(name),
            )
            if fixed and not self.members and not _holds_tensors(self.held)
            else None
        )
        advice = f"pass `{self.rule.ctx.code_for(method_call(self.node, method))}`"
        if self.members or _holds_tensors(self.held):
            advice = f"convert each of its tensors with `.{method}()`"
        self.rule.report(
            at,
            f"{subject} {callee} {problem}; {advice}{' there' if there else ''}{aside}",
            fix,
            related,
            self.handed.statement if self.handed is not None else None,
        )


def _same_function(rule: Rule, node: cst.CSTNode, others: tuple[cst.CSTNode, ...]) -> bool:
    """``node`` is in the function of this file that holds one of ``others`` (a move
    in a generic helper, ``to_device(x)``, is not where one caller's dtype belongs)."""
    where = _function_of(rule, node)
    return where is not None and any(_function_of(rule, o) is where for o in others)


def _function_of(rule: Rule, node: cst.CSTNode) -> cst.FunctionDef | None:
    """The innermost function of this file that holds ``node``."""
    return innermost_function(rule.ctx.analysis.functions, node)


def _filled_by_key(rule: Rule, node: cst.BaseExpression) -> bool:
    """``node`` is a name its function assigns entries of (``batch[k] = batch[k].to(d)``
    in a loop, where the walk may not know it there): it may be a dict the call reads
    tensors from, and ``batch.float()`` would fail on one, so the fix is unsafe."""
    if not isinstance(node, cst.Name):
        return False
    fn = _function_of(rule, node)
    return fn is not None and any(
        isinstance(t.target, cst.Subscript)
        and isinstance(t.target.value, cst.Name)
        and t.target.value.value == node.value
        for assign in nodes(fn, cst.Assign)
        for t in assign.targets
    )


def _holds_tensors(value: Value | None) -> bool:
    """A dict, a list or an object that holds the input (``model(batch)`` of a batch
    dict): ``batch.float()`` would fail on it, so it gets no fix."""
    return value is not None and value.kind not in (None, Kind.TENSOR, Kind.MOVED)


def _last_move_after(value: Value, made: Event) -> Event | None:
    moved = None
    later = False
    for event in value.events:
        if later and event.action == "move":
            moved = event
        later = later or event is made
    return moved


def follows_other(
    rule: Rule, node: cst.Call, obs: CallObs, arg: cst.Arg, value: Value, dtype: str
) -> bool:
    """The input was made in the dtype of another module on purpose (``dtype =
    self.unet.dtype``; ``torch.randn(..., dtype=dtype)``): the modules disagree,
    and the line to change is where this one got its dtype (its cast, or the
    argument that chose it), not the input. Reported there, once."""
    made = value.last("cast", "create")
    decided = obs.module.dtype_event()
    if made is None or decided is None or decided.action == "create":
        return False  # (a module in the dtype it was made in: no line decided it)
    follow, callee = made.source, obs.callee
    if follow is None or follow.action != "follow":
        return False
    if (
        follow.path == callee
        or f"{callee}.".startswith(f"{follow.path}.")
        or (follow.path.startswith(f"{callee}."))
    ):
        return False  # (read off the module it meets, or a part of it)
    if dtype == "float32" and value.dtype in HALF_DTYPES:
        return _upcast(rule, node, obs, arg, value, (made, decided), follow.path)
    at = rule.once_at(decided.node, obs.node)
    if at is None:
        return True
    code = rule.ctx.code_for
    whole, given = model_name(obs.callee), arg.value
    call: cst.CSTNode = obs.node
    handed = value.handed_in()
    if handed is not None and handed.path == "module":
        # (seen inside its forward: named as the call that ran the module)
        whole, call = handed.detail, handed.node
        given = handed.node if isinstance(handed.node, cst.BaseExpression) else given
    name = name_of(given, code(given))
    related: dict[str, cst.CSTNode] = {"made": made.node, "call": call}
    where = "" if at is decided.node else " at line <line:decided>"
    if where:
        related["decided"] = decided.node
    rule.report(
        at,
        f"`{whole}` is {dtype}{where or ' here'}, but its input `{name}` follows "
        f"`{follow.path}`, which is {value.dtype} (made at line <line:made>): the call "
        f"at line <line:call> fails ('Input type and bias type should be the same'); "
        f"give `{whole}` the dtype of `{follow.path}` (or run under torch.autocast)",
        None,
        related,
    )
    return True


def _upcast(
    rule: Rule,
    node: cst.Call,
    obs: CallObs,
    arg: cst.Arg,
    value: Value,
    events: tuple[Event, Event],
    other: str,
) -> bool:
    """A module cast to float32 on purpose (a VAE kept in full precision among half
    parts) given an input that follows a half module: both dtypes were chosen, so the
    line to change is where the input enters it, the call that hands it over (the
    last one, into the module's method) or the module's own call."""
    handed = value.handed()  # (the innermost hand-over: into the module's method)
    spot = handed[-1].node if handed else arg.value
    at = rule.once_at(spot, node, forward=True)
    if at is None:
        return True
    made, cast = events
    code = rule.ctx.code_for
    whole = model_name(obs.callee)
    given = spot if isinstance(spot, cst.BaseExpression) else arg.value
    name = name_of(given, code(given))
    related: dict[str, cst.CSTNode] = {"made": made.node, "cast": cast.node, "call": obs.node}
    rule.report(
        at,
        f"`{name}` follows `{other}`, which is {value.dtype} (made at line <line:made>), "
        f"but `{whole}` was cast to float32 on purpose (line <line:cast>) and runs it at "
        "line <line:call>: 'Input type and bias type should be the same'; convert the "
        f"input where it enters (`{name}.float()`, or to the module's dtype)",
        None,
        related,
    )
    return True


def meets_cast_model(rule: Rule, obs: CallObs, arg: cst.Arg, value: Value, dtype: str) -> bool:
    """The input is the output of another model, in the half dtype that model was
    given, and this model is float32 only because it was loaded without a dtype
    (``from_pretrained`` without ``torch_dtype``, never cast): the models disagree,
    and the line to change is where this one was loaded (a ControlNet among float16
    parts). Reported there, once. (A part of a model left in float32 while another
    part was cast is the partial cast's, reported at the call.)"""
    if value.origin != OUTPUT or value.dtype not in HALF_DTYPES or dtype != "float32":
        return False
    made = obs.module.dtype_event()
    if (
        made is None
        or made.action != "create"
        or obs.module.part_of
        or not isinstance(made.node, cst.Call)
        or not loaded(made.node)
        or says_dtype(made.node)
        or any(a.star for a in made.node.args)
        or not rule.ctx.in_this_file(made.node)
    ):
        return False
    at = rule.once_at(made.node, obs.node)
    if at is None:
        return True
    whole = model_name(obs.callee)
    name = name_of(arg.value, rule.ctx.code_for(arg.value))
    rule.report(
        at,
        f"`{whole}` is loaded here in float32 (no dtype given, never cast), but its input "
        f"`{name}` at line <line:call> is {value.dtype}, the output of a model given that "
        f"dtype: the call fails ('Input type and bias type should be the same'); make "
        f"`{whole}` {value.dtype} here too (`torch_dtype=`, `.to(dtype=...)`), or run "
        "under torch.autocast",
        None,
        {"call": obs.node},
    )
    return True


def partial_cast(
    rule: Rule, obs: CallObs, arg: cst.Arg, value: Value, dtype: str, method: str
) -> bool:
    """The module is a part of a model cast on its own (``self.visual =
    backbone.half()``, ``model.unet.half()``) while the model around it keeps the
    dtype of its input: the line to change is that partial cast (cast the part's
    inputs where it is called, or leave the part in the model's dtype). Reported
    there, once, naming the call that fails."""
    module = obs.module
    cast = module.last("cast")
    if (
        not module.part_of
        or cast is None
        or cast.detail != dtype
        or not _named_cast(rule, cast.node)
        or value.dtype not in FLOATING_DTYPES
        or value.dtype == dtype
    ):
        return False
    whole = next(
        (v for v in obs.env.values() if v.ident == module.part_of and v.kind == Kind.MODULE), None
    )
    if whole is None or whole.dtype != value.dtype or whole.last("cast") is cast:
        return False
    others = [
        v.dtype
        for v in obs.env.values()
        if v.kind == Kind.MODULE and v.part_of == whole.ident and v.ident != module.ident
    ]
    if others and all(d == dtype for d in others):
        return False  # (its other parts are in that dtype too: no part is on its own)
    at = rule.once_at(cast.node, obs.node, forward=not rule.ctx.in_this_file(cast.node))
    if at is None:
        return True
    code = rule.ctx.code_for
    part = obs.callee
    name = name_of(arg.value, code(arg.value))
    rule.report(
        at,
        f"`{part}` is cast to {dtype} on its own here, while the model around it stays "
        f"{whole.dtype}: its input `{name}` at line <line:call> is {value.dtype}, and the "
        "call fails ('expected scalar type' / 'Input type and bias type should be the "
        f"same'); cast the part's inputs where it is called (`{name}.{method}()`), "
        "or keep it in the model's dtype (or run under torch.autocast)",
        None,
        {"call": obs.node},
    )
    return True


def _named_cast(rule: Rule, node: cst.CSTNode) -> bool:
    """``part.half()``, ``part.to(torch.bfloat16)``: a cast that names its dtype (not
    ``.to(dtype)`` of a dtype every part of a class is built in)."""
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        return False
    if node.func.attr.value in ("half", "bfloat16", "float", "double"):
        return True
    return any(torch_dtype(a.value, rule.ctx.analysis) is not None for a in node.args)


def meets_chosen_dtype(rule: Rule, obs: CallObs, arg: cst.Arg, value: Value, dtype: str) -> bool:
    """The input was made in a dtype the code chose by name (``torch.randn(...,
    dtype=self.dtype)``), and this model, loaded without a dtype and never cast, was
    moved without one (``self.vae.to(self.device)`` beside parts moved with
    ``dtype=self.dtype``): the model's move is the line to change. Reported there,
    once, naming the input's line and the call."""
    made = obs.module.dtype_event()
    moved = obs.module.last("move")
    given = value.dtype_event()
    if (
        dtype != "float32"
        or value.dtype not in HALF_DTYPES
        or made is None
        or made.action != "create"
        or obs.module.part_of
        or not isinstance(made.node, cst.Call)
        or not loaded(made.node)
        or says_dtype(made.node)
        or moved is None
        or not isinstance(moved.node, cst.Call)
        or given is None
        or given.action != "create"  # (a cast to it just before: that cast is the line)
        or not isinstance(given.node, cst.Call)
    ):
        return False
    chosen = next(
        (a.value for a in given.node.args if a.keyword is not None and a.keyword.value == "dtype"),
        None,
    )
    named = dotted(chosen) if chosen is not None else None
    if chosen is None or named is None or torch_dtype(chosen, rule.ctx.analysis) is not None:
        return False  # (a dtype written out, ``torch.float16``: that line chose it)
    at = rule.once_at(moved.node, obs.node, forward=not rule.ctx.in_this_file(moved.node))
    if at is None:
        return True
    whole = model_name(obs.callee)
    name = name_of(arg.value, rule.ctx.code_for(arg.value))
    rule.report(
        at,
        f"`{whole}` is moved here without a dtype, so it stays float32 (loaded at line "
        f"<line:made> without one), but its input `{name}` at line <line:call> is made in "
        f"`{named}` ({value.dtype}, line <line:input>), the dtype the code chose: the call "
        "fails ('Input type and bias type should be the same'); move it with that dtype "
        f"too (`.to(..., dtype={named})`), or run under torch.autocast",
        None,
        {"made": made.node, "call": obs.node, "input": given.node},
    )
    return True
