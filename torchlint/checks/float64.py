"""TL105: float64 data (numpy's default) fed to a float32 module, or meeting another
floating dtype in an op that never promotes (a loss's class weights too), read from
the flow analysis."""

from __future__ import annotations

import libcst as cst

from torchlint import screen
from torchlint.analysis.names import dotted
from torchlint.analysis.observations import CallObs, DtypeMixObs
from torchlint.analysis.torch_api import FLOAT64_TEXT, SCALAR_TYPE_NAMES, float_input_layer
from torchlint.analysis.values import Kind, Value, tensors_of
from torchlint.checks._build import method_call
from torchlint.checks._sites import InputSite
from torchlint.checks.dtypes import DTYPE_CASTS, op_name
from torchlint.rules.rule import FixSpec, Replace, Rule


class Float64Input(Rule):
    code = "TL105"
    name = "float64-input"
    summary = "float64 data (numpy's default) is fed to a float32 module."
    fixable = True
    triggers = FLOAT64_TEXT
    needs = frozenset({screen.FLOAT64, screen.COMPUTE})
    docs = """
    ## What it does
    Flags a call of a float32 module (made with `nn.*`, `timm.create_model` or a
    module class of the file) with a tensor the flow analysis knows is float64: made
    by `torch.from_numpy` / `torch.tensor` / `torch.as_tensor` from a numpy float
    array (`np.random.rand`, `np.zeros`, `np.eye`, `np.loadtxt`, `np.array([0.5, ...])`,
    `np.interp`, the grids `np.meshgrid` makes of float64 axes; numpy's default float
    is 64-bit; a pandas table's numbers, `pd.read_csv(p).values`,
    once scaled: int64 or float64 columns, float64 after a mean or a true division;
    audio read with `soundfile.read(path)`, float64 unless `dtype=` says otherwise),
    or cast with `.double()`; the float32 modules include torchaudio's transforms
    that keep a window or filterbank (`MelSpectrogram`, `MFCC`, `Resample`, ...).
    Also a numpy float64
    array that a Dataset of the file returns from `__getitem__` (in a tuple or a dict,
    from a list of them it keeps), which a DataLoader's default collate turns into a
    float64 tensor. Also a list of such tensors handed to a module (`model(images,
    targets)` of a torchvision detection model, `images = [img.to(device) for img in
    images]`): reported where they became float64, with no fix (a list has no
    `.float()`). Also such a tensor meeting one of
    another floating dtype in an op that never promotes: `torch.mm`, `torch.bmm`,
    `torch.matmul` and `@`, `F.linear`, `F.conv2d` and their kin (not `+` or `*`,
    which promote), also in a plain function of the file the data reaches (a
    `linreg(X, w, b)` fed by a minibatch generator). Also float64 class weights
    (`nn.CrossEntropyLoss(weight=w)`, `nn.NLLLoss`, `F.cross_entropy(..., weight=w)`,
    `F.nll_loss`; inverse class frequencies computed with numpy are float64) of a
    loss called on float32 or half logits: these losses do not promote (BCE's
    `weight=`/`pos_weight=` do, and are left alone); the finding lands where the
    weights were made, and the fix converts them where the loss gets them. A file that calls
    `torch.set_default_dtype` makes its factories and layers in that dtype, so only
    explicit dtypes count there. Arithmetic with a float64 tensor that has
    dimensions (`x * sigmas[i].view(-1, 1, 1, 1)`) is float64 whatever the other
    operand is; a zero-dimensional one (`sigmas[i]`) does not promote. So is
    `torch.cat` of a float64 tensor with any others (`torch.cat([x, replay])`); a name
    float64 on one path and the tensor it held as it came on the other (`if
    len(buffer) > 0: x = torch.cat([x, replay])`) is float64 in the run that takes
    that path. The finding
    lands on the line that made the input float64 (the line to change: for such a
    product, the float64 operand's making; for an array cast with
    `.astype(np.float64)` before `torch.tensor`, that cast), once, and names the call
    or the op.

    ## Why is this bad?
    `RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float`
    or `Input type (double) and bias type (float) should be the same`. `torch.tensor`
    and `torch.from_numpy` keep numpy's dtype; only Python floats default to float32.

    ## Example
    ```python
    features = torch.from_numpy(np.loadtxt("features.csv", delimiter=","))
    logits = model(features)
    ```

    ## Use instead
    ```python
    features = torch.from_numpy(np.loadtxt("features.csv", delimiter=",")).float()
    logits = model(features)
    ```

    ## Fix safety
    The fix converts at the call, whichever line the finding is on:
    `model(features.float())`. The module computes in float32 anyway; converting its
    input is what the call needs: **safe**. The input is one the flow analysis knows is a float64 tensor (made from numpy data in the
    code), so no other receiver, with another `.float()`, can reach the fix (inside
    a module's `forward`, where another instance may run in another dtype: **unsafe**).
    At an op
    (`torch.mm(X, w)`) the fix converts the float64 operand to the other's dtype, which
    is **unsafe**: the op may sit in a function that other callers give float64 on both
    sides. For a loss's class weights the fix converts them where the loss gets them
    (`nn.CrossEntropyLoss(weight=weights.float())`), in the logits' dtype: **unsafe**,
    as the loss may also be called on float64 logits elsewhere.

    ## References
    - [`torch.from_numpy`](https://pytorch.org/docs/stable/generated/torch.from_numpy.html)
    """

    def visit_Call(self, node: cst.Call) -> None:
        for obs in self.ctx.analysis.flow.calls.all(node):
            if self._check(node, obs):
                return
        self._op(node)

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        self._op(node)  # a @ w

    def _op(self, node: cst.CSTNode) -> None:
        """float64 data meets a tensor of another floating dtype in an op that never
        promotes (``torch.mm``, ``@``, ``F.linear``, ``F.conv2d``)."""
        for mix in self.ctx.analysis.flow.dtype_mixes.all(node):
            wide = next(((e, v) for e, v in mix.operands if v.dtype == "float64"), None)
            other = next(((e, v) for e, v in mix.operands if v.dtype in DTYPE_CASTS), None)
            if wide is None or other is None:
                continue
            (expr, value), (other_expr, other_value) = wide, other
            method = DTYPE_CASTS[other_value.dtype or ""]
            name = dotted(expr) or self.ctx.code_for(expr)
            other_name = dotted(other_expr) or self.ctx.code_for(other_expr)
            op = op_name(self, node)
            made = value.dtype_event()
            related: dict[str, cst.CSTNode] = {"op": node}
            at: cst.CSTNode | None = node
            joined = made is not None and made.action == "join"
            if joined:
                # two float64 tensors of different lines met in arithmetic: no line
                # before the op decides it alone
                assert made is not None
                related["joined"] = made.node
                made = None
            if made is not None:
                related["made"] = made.node
                at = self.once_at(made.node, node, forward=True)
            elif id(node) in self._reported_at:
                at = None
            if at is None:
                return
            self._reported_at.add(id(node))
            other_made = other_value.dtype_event()
            if other_made is not None:
                related["other"] = other_made.node
            where = " (line <line:other>)" if other_made is not None else ""
            if mix.weights:
                self._weights(node, at, mix, wide, other, related)
                return
            if at is node:
                made_at = " (made at line <line:made>)" if made is not None else ""
                if joined:
                    made_at = " (by the arithmetic of line <line:joined>)"
                story = f"`{name}` is float64{made_at}, and {op} computes it with"
            else:
                story = (
                    f"float64 data made here reaches {op} (line <line:op>) as `{name}`, "
                    "which computes it with"
                )
            self.report(
                at,
                f"{story} `{other_name}`, {other_value.dtype}{where}: an op that does not "
                "promote fails on two dtypes ('expected m1 and m2 to have the same "
                f"dtype'); convert it with `.{method}()` (at the op: "
                f"`{self.ctx.code_for(method_call(expr, method))}`)",
                FixSpec.unsafe(
                    Replace(expr, method_call(expr, method)),
                    message=f"convert `{name}` with .{method}() at the op",
                ),
                related,
            )
            return

    def _weights(
        self,
        node: cst.CSTNode,
        at: cst.CSTNode,
        mix: DtypeMixObs,
        wide: tuple[cst.BaseExpression, Value],
        given: tuple[cst.BaseExpression, Value],
        related: dict[str, cst.CSTNode],
    ) -> None:
        """float64 class weights of a loss called on a float32 (or half) input: the
        weights are converted where they are given to the loss."""
        (expr, _), (given_expr, given_value) = wide, given
        dtype = given_value.dtype or ""
        method = DTYPE_CASTS[dtype]
        name = dotted(expr) or self.ctx.code_for(expr)
        loss = op_name(self, node)
        error = f"'expected scalar type {SCALAR_TYPE_NAMES[dtype]} but found Double'"
        fixed = method_call(expr, method)
        fix = None
        if self.ctx.in_this_file(expr):
            related["weights"] = expr
            fix = FixSpec.unsafe(
                Replace(expr, fixed), message=f"convert the class weights with .{method}()"
            )
        story = (
            f"float64 class weights made here (`{name}`) reach {loss} ({mix.op})"
            if at is not node
            else f"{loss} ({mix.op}) has float64 class weights (`{name}`)"
        )
        self.report(
            at,
            f"{story}, called at line <line:op> with "
            f"`{dotted(given_expr) or self.ctx.code_for(given_expr)}`, {dtype}: the loss "
            f"does not promote ({error}); convert the weights with `.{method}()` where "
            f"the loss gets them (`{self.ctx.code_for(fixed)}`)",
            fix,
            related,
        )

    def _check(self, node: cst.Call, obs: CallObs) -> bool:
        found = False
        if obs.module.dtype != "float32" or obs.followed:
            return False
        for arg, given in obs.args:
            value = tensors_of(given) or given
            if value.kind != Kind.TENSOR or value.dtype != "float64" or arg.star:
                continue
            found = True
            conv = (float_input_layer(obs.module) or "").startswith("Conv")
            members = value is not given
            InputSite(self, arg, value, obs, site=node, members=members).report(
                "float64",
                "computes in float32: '"
                + (
                    "Input type (double) and bias type (float) should be the same'"
                    if conv
                    else "mat1 and mat2 must have the same dtype, but got Double and Float'"
                ),
                "float",
                "convert the input with {}.float()",
                made_at="made at ",
                # (float64 data a dataset of another file made: the line to change)
                made_there=True,
            )
        return found
