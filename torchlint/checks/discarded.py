"""TL205: a move or cast of a tensor used as a statement, whose result is dropped
(tensors are not moved in place). The rules on inputs left on the CPU, TL204, are in
``moves.py``; a moved name whose alias still holds the old tensor, TL206, is in
``stale_alias.py``."""

from __future__ import annotations

import libcst as cst

from torchlint import screen
from torchlint.analysis.names import dotted
from torchlint.rules.rule import FixSpec, Replace, Rule


class DiscardedTensorMove(Rule):
    code = "TL205"
    name = "discarded-tensor-move"
    summary = (
        "`x.to(device)` as a statement on a tensor does nothing: tensors are not moved in place."
    )
    fixable = True
    triggers = tuple(
        f".{m}("
        for m in "to cuda cpu half float bfloat16 double long int bool short byte char".split()
    )
    needs = frozenset({screen.DISCARDED_MOVE})
    docs = """
    ## What it does
    Flags `x.to(device)`, `x.cuda()`, `x.half()` and other moves and casts used as a
    statement when the flow analysis knows `x` is a tensor (made by a torch factory,
    taken from a tokenizer's output, or the result of an earlier `.to()`), also
    several in one statement (`x.to(device), y.to(device)`: one fix assigns both). Also a
    loop's name rebound to its own move that no later statement of the loop reads
    (`for k, v in batch.items(): v = v.to(device)`): the dict or list the loop walks
    keeps its tensors where they were.

    ## Why is this bad?
    `Module.to()` moves a module in place, but `Tensor.to()` returns a new tensor and
    leaves `x` where it was. The statement is a no-op and the crash comes later, at
    the first op that mixes `x` with GPU tensors. Not flagged: modules (in place,
    correct), Hugging Face `BatchEncoding` (moves in place and returns itself), and
    anything whose kind is unknown.

    ## Example
    ```python
    labels = torch.tensor(batch_labels)
    labels.to(device)
    ```

    ## Use instead
    ```python
    labels = torch.tensor(batch_labels)
    labels = labels.to(device)
    ```

    ## Fix safety
    The fix assigns the result back: `labels = labels.to(device)`. That is what the
    statement was meant to do and the only change it makes: **safe** when the flow
    analysis knows `labels` is a tensor in this function (a module's `.to()` returns
    the module itself, so even then the assignment changes nothing; a class whose
    `.to()` returns `None` is the receiver the condition rules out). A tensor known
    only from one call of the file is reported with an unsafe fix: another caller may
    pass something else. In a loop over `d.items()` the fix writes the result back,
    `d[k] = v.to(device)`: **unsafe**, since the dict the loop changes may be shared
    with the caller; other loops get no fix.

    ## References
    - [`torch.Tensor.to`](https://pytorch.org/docs/stable/generated/torch.Tensor.to.html)
    """

    def visit_Call(self, node: cst.Call) -> None:
        flow = self.ctx.analysis.flow
        own = flow.discarded.get(node)
        # Known to be a tensor only when a call of the file hands one over: other
        # callers may pass something whose .to() works in place, so the fix is unsafe.
        # (A discard seen in another file of the project is recorded at the call that
        # led there: that file's own lint reports it, where the statement is.)
        obs = next((o for o in flow.discarded.all(node) if o.node is node), None)
        if obs is None:
            return
        assert isinstance(node.func, cst.Attribute)
        if obs.loop is not None:
            self._rebound(node, obs.loop, obs.statement)
            return
        target = node.func.value
        name = dotted(target)
        fix = None
        if isinstance(obs.statement, cst.Expr) and isinstance(obs.statement.value, cst.Tuple):
            fix = self._tuple_fix(node, obs.statement, obs.statement.value)
        elif name is not None and isinstance(obs.statement, cst.Expr):
            assert isinstance(target, (cst.Name, cst.Attribute))
            assign = cst.Assign(
                targets=[cst.AssignTarget(target=target)],
                value=node,
                semicolon=obs.statement.semicolon,
            )
            fix = FixSpec.safe_if(
                own is not None,
                Replace(obs.statement, assign),
                message=f"assign the result: {name} = {self.ctx.code_for(node)}",
            )
        method = node.func.attr.value
        handed = obs.receiver.handed_in() if own is None else None
        related = {"passed": handed.node} if handed is not None else {}
        self.report(
            node,
            f"`{self.ctx.code_for(node)}` returns a new tensor and leaves "
            f"`{name or self.ctx.code_for(target)}` as it "
            f"was: `Tensor.{method}()` does not work in place"
            + (" (it is the tensor passed at line <line:passed>)" if handed else "")
            + "; assign the result"
            + (f" (`{name} = {self.ctx.code_for(node)}`)" if name else ""),
            fix,
            related,
        )

    def _tuple_fix(self, node: cst.Call, statement: cst.Expr, moves: cst.Tuple) -> FixSpec | None:
        """``x.to(d), y.to(d)`` as a statement: one fix, on its first move, that assigns
        every result (``x, y = x.to(d), y.to(d)``), where each is a discarded move of
        a named tensor; safe where the file hands each one over as a tensor."""
        calls = [e.value for e in moves.elements]
        if calls[0] is not node:
            return None
        flow, targets, safe = self.ctx.analysis.flow, [], True
        for call in calls:
            if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Attribute):
                return None
            found = next((o for o in flow.discarded.all(call) if o.node is call), None)
            if found is None or dotted(call.func.value) is None:
                return None
            targets.append(cst.Element(call.func.value))
            safe = safe and flow.discarded.get(call) is not None
        assign = cst.Assign(
            targets=[cst.AssignTarget(target=cst.Tuple(targets, lpar=[], rpar=[]))],
            value=moves,
            semicolon=statement.semicolon,
        )
        names = ", ".join(dotted(t.value) or "" for t in targets)
        return FixSpec.safe_if(
            safe, Replace(statement, assign), message=f"assign the results to {names}"
        )

    def _rebound(self, node: cst.Call, loop: cst.For, line: cst.CSTNode) -> None:
        """``for k, v in d.items(): v = v.to(device)``: written back into ``d`` (an
        unsafe fix: the loop then changes the dict it walks, which a caller may
        share), else only said."""
        assert isinstance(node.func, cst.Attribute) and isinstance(line, cst.SimpleStatementLine)
        name = self.ctx.code_for(node.func.value)
        iterated = loop.iter
        fix, advice = None, "write the result back into what the loop walks"
        if (
            isinstance(iterated, cst.Call)
            and isinstance(iterated.func, cst.Attribute)
            and iterated.func.attr.value == "items"
            and not iterated.args
            and isinstance(loop.target, cst.Tuple)
            and len(loop.target.elements) == 2
            and isinstance(loop.target.elements[0].value, cst.Name)
        ):
            container = self.ctx.code_for(iterated.func.value)
            key = loop.target.elements[0].value.value
            slot = f"{container}[{key}]"
            advice = f"write the result back: `{slot} = {self.ctx.code_for(node)}`"
            assign = line.body[0]
            assert isinstance(assign, cst.Assign)
            fix = FixSpec.unsafe(
                Replace(
                    assign.targets[0].target,
                    cst.parse_expression(slot),
                ),
                message=f"assign the result to {slot}",
            )
        self.report(
            node,
            f"`{name} = {self.ctx.code_for(node)}` rebinds the loop's `{name}` to a new "
            f"tensor that nothing reads: what the loop walks keeps its tensors as they "
            f"were (`Tensor.{node.func.attr.value}()` does not work in place); {advice}",
            fix,
        )
