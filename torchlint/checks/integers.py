"""TL109: an integer tensor (uint8 pixels, int32 data) fed to a layer that computes in
floating point, read from the flow analysis."""

from __future__ import annotations

import libcst as cst

from torchlint import screen
from torchlint.analysis.array_api import OPENCV_VIDEO_READER
from torchlint.analysis.names import dotted
from torchlint.analysis.observations import CallObs, DtypeMixObs
from torchlint.analysis.torch_api import (
    DATA_FACTORIES,
    INT64_COUNTS,
    INT64_MAKERS,
    INT64_TEXT,
    MASK_TEXT,
    NARROW_TEXT,
    float_input_layer,
    float_inputs,
)
from torchlint.analysis.values import Kind, Value
from torchlint.checks._sites import InputSite
from torchlint.checks.dtypes import DTYPE_CASTS, op_name
from torchlint.rules.rule import Rule

# The integer dtypes TL109 reads, as torch's errors name them (bool is left out: the
# screen has no cheap evidence for it), and the floating ones.
_INT_NAMES = {
    "uint8": ("unsigned char", "Byte"),
    "int8": ("signed char", "Char"),
    "int16": ("short", "Short"),
    "int32": ("int", "Int"),
    "int64": ("long int", "Long"),
}
_FLOAT_NAMES = {
    "float32": ("float", "Float"),
    "float16": ("c10::Half", "Half"),
    "bfloat16": ("c10::BFloat16", "BFloat16"),
}


class IntegerInput(Rule):
    code = "TL109"
    name = "integer-input"
    summary = (
        "An integer tensor (uint8 pixels, int32 data, int64 ids) is fed to a layer that "
        "computes in floating point."
    )
    fixable = True
    triggers = (
        *NARROW_TEXT,
        *INT64_TEXT,
        "numpy",
        "np.",
        OPENCV_VIDEO_READER.split(".")[1],
        *MASK_TEXT,
        *INT64_COUNTS,
    )
    needs = frozenset({screen.NARROW_CAST, screen.MODULE_SOURCE})
    needs_either = (
        frozenset({screen.INT64_CAST, screen.MODULE_SOURCE}),
        frozenset({screen.FLOAT64, screen.MODULE_SOURCE}),  # numpy data made a tensor
        # (integers meeting floats in an op that never promotes: `torch.mm(rows, w)`)
        frozenset({screen.INT64_CAST, screen.COMPUTE}),
        frozenset({screen.NARROW_CAST, screen.COMPUTE}),
        frozenset({screen.INT64_COUNT, screen.COMPUTE}),  # (torch.arange(n) @ w)
        # (an integer mask given to ``F.scaled_dot_product_attention``)
        frozenset({screen.MASK_OP}),
    )
    docs = """
    ## What it does
    Flags a call of a layer that computes with floating weights on its input
    (`nn.Conv2d`, `nn.Linear`, a norm, an RNN, an `nn.Sequential` that starts with one,
    a `timm` or torchvision model, whose stems are convolutions, also without its head,
    `nn.Sequential(*list(model.children())[:-1])`; not `nn.Embedding`) with a tensor the flow analysis knows is
    uint8, int8, int16 or int32: an image read with `torchvision.io.read_image` or
    `cv2.imread`, or a PIL image made an array (`np.asarray(Image.open(p).convert("RGB"))`), made from a numpy array cast with `.astype(np.uint8)`, made with
    `dtype=torch.uint8`, or cast with `.byte()` / `.int()`; or int64 ids drawn with
    `torch.randint`, cast with `.long()` or made with `torch.LongTensor` (labels or
    flags fed to a `Linear` as features), or int64 numpy data made a tensor
    (`torch.from_numpy(np.asarray(board, dtype=np.int64))`), or made from data with
    `dtype=torch.long`. `torch.arange` and other index arithmetic are left out, but
    where they meet floats in an op that never promotes (below). A
    PyTorch Geometric layer whose first op is a Linear (`GCNConv`, `SAGEConv`,
    `GATConv`, ...) takes its node features as a float input, not its edges or batch
    vector; a graph's entries are followed through `Data(x=..., edge_index=...)`, its
    DataLoader's batches and `data.to(device)`. Its dense layers (`DenseGCNConv`,
    `DenseGraphConv`, `DenseSAGEConv`, `DenseGINConv`) multiply the adjacency with the
    features (`adj @ x`): an int64 0/1 adjacency (`np.zeros(..., dtype=np.int64)` made
    a tensor) fails there too. The flow is followed
    through the file's functions and into the `forward` of its module classes, so an
    image preprocessed by a helper and fed to a model whose first layer is a
    convolution is found. The finding lands on the line that made the input integer
    (the line to change), once, and names the call; numpy data cast to an integer
    dtype (`.astype(np.uint8)`) lands where it is made a tensor (`torch.from_numpy`),
    where the data enters torch. A model cast only on one path
    (`if opt.half: model.half()`) is read in the dtype that path gives it: integers
    fail there whatever the other path does. Also integers meeting floats in an op
    that never promotes (`torch.mm`, `@`, `F.linear`): one-hot rows (`F.one_hot`, int64)
    times weights are reported at the op, other integers where they were made (positions
    `torch.arange(n)` of ints, int64, times a float32 frequency buffer). And
    integers given to an op that computes floating tensors only, with no `dtype=`
    (`torch.randn_like(pixels)` in a diffusion model's forward, `labels.mean()`,
    `F.softmax(ids, -1)`, `x.normal_()`, `F.layer_norm`, `F.dropout`; the list is
    `FLOAT_ONLY_FUNCTIONS` / `FLOAT_ONLY_METHODS` in `analysis/torch_api.py`), reported
    where they were made: `"normal_kernel_cpu" not implemented for 'Byte'`,
    `mean(): could not infer output dtype` (checked with torch 2.13.0+cpu).

    ## Why is this bad?
    `RuntimeError: Input type (unsigned char) and bias type (float) should be the
    same` (on a GPU: `Input type (torch.cuda.ByteTensor) and weight type
    (torch.cuda.HalfTensor) should be the same`), or `mat1 and mat2 must have the same
    dtype, but got Byte and Float` (`... got Long and Float` for int64 ids). Images come off the disk and out of video decoders
    as uint8, and `torch.from_numpy` keeps numpy's dtype: the conversion to floating
    point is easy to forget, and autocast does not do it.

    ## Example
    ```python
    frame = torch.from_numpy(cv2.imread(path)).permute(2, 0, 1).unsqueeze(0)
    boxes = detector(frame.to(device))
    ```

    ## Use instead
    ```python
    frame = torch.from_numpy(cv2.imread(path)).permute(2, 0, 1).unsqueeze(0)
    boxes = detector(frame.to(device).float() / 255)
    ```

    ## Fix safety
    The fix converts the input at the call to the layer's dtype (`.float()`,
    `.half()`, `.bfloat16()`), which makes the call run. It is **unsafe**: integer
    pixels usually need scaling as well (`/ 255`, the model's normalization), which
    the fix cannot know, so a model fed unscaled values would run and predict
    nonsense. Review the conversion. No fix where the model is cast on one path only:
    each path needs its own dtype.

    ## References
    - [`torchvision.io.read_image`](https://pytorch.org/vision/stable/generated/torchvision.io.read_image.html)
    - [`torch.from_numpy`](https://pytorch.org/docs/stable/generated/torch.from_numpy.html)
    """

    def visit_Call(self, node: cst.Call) -> None:
        # Each call that reaches this layer with integers made elsewhere: one finding
        # per line that made them (``_Site`` reports a line once).
        for obs in self.ctx.analysis.flow.calls.all(node):
            self._check(node, obs)
        self._op(node)

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        self._op(node)  # rows @ weights

    def _op(self, node: cst.CSTNode) -> None:
        """Integers (one-hot rows, pixels) meeting floats in an op that never promotes
        (``torch.mm``, ``@``, ``F.linear``): reported where the integers were made."""
        for mix in self.ctx.analysis.flow.dtype_mixes.all(node):
            if mix.mask:
                self._mask(node, mix)
                continue
            if mix.float_only:
                self._float_only(node, mix)
                continue
            whole = next(
                (
                    (e, v)
                    for e, v in mix.operands
                    if v.dtype in _INT_NAMES
                    and (v.dtype != "int64" or v.one_hot or _int64_made(v, counts=True))
                ),
                None,
            )
            other = next(((e, v) for e, v in mix.operands if v.dtype in _FLOAT_NAMES), None)
            if whole is None or other is None or mix.weights:
                continue
            (expr, value), (other_expr, other_value) = whole, other
            # (one-hot rows: made by ``F.one_hot`` at this op's doorstep; the op is
            # where they are used as numbers)
            made = None if value.one_hot else value.dtype_event()
            at = self.once_at(made.node if made is not None else node, node)
            if at is None:
                return
            dtype = other_value.dtype or ""
            name = dotted(expr) or self.ctx.code_for(expr)
            other_name = dotted(other_expr) or self.ctx.code_for(other_expr)
            op = op_name(self, node)
            integers, floats = _INT_NAMES[value.dtype or ""][1], _FLOAT_NAMES[dtype][1]
            related: dict[str, cst.CSTNode] = {"op": node}
            if value.one_hot:
                story = f"`{name}` is one-hot rows (int64), and {op} computes them"
            elif at is node and made is not None:
                related["made"] = made.node
                story = (
                    f"`{name}` is {value.dtype} (made at line <line:made>), and {op} computes it"
                )
            else:
                story = (
                    f"{value.dtype} data made here reaches {op} (line <line:op>) as `{name}`, "
                    "which computes it"
                )
            self.report(
                at,
                f"{story} with `{other_name}`, {dtype}: an op that does not promote fails "
                f"('expected m1 and m2 to have the same dtype, but got {integers} and "
                f"{floats}'); convert with `.{DTYPE_CASTS[dtype]}()` (at the op: "
                f"`{name}.{DTYPE_CASTS[dtype]}()`)",
                related=related,
            )
            return

    def _mask(self, node: cst.CSTNode, mix: DtypeMixObs) -> None:
        """An integer mask (a tokenizer's 0/1 ``attention_mask``, reshaped) given to
        ``F.scaled_dot_product_attention``, which takes a bool or floating one: the
        integers are right where they were made, so the op is the line to change (as
        for one-hot rows)."""
        ((expr, value),) = mix.operands
        at = self.once_at(node, node)
        if at is None:
            return
        name = dotted(expr) or self.ctx.code_for(expr)
        related: dict[str, cst.CSTNode] = {}
        story = f"`{name}` is {value.dtype}"
        made = value.dtype_event()
        if made is not None and not self.ctx.in_this_file(made.node):
            made = None
        if made is not None:
            related["made"] = made.node
            story += " (made at line <line:made>)"
        c_name = _INT_NAMES[value.dtype or ""][0]
        self.report(
            at,
            f"{story}, and {op_name(self, node)} takes a bool or floating mask: it fails "
            f"('Expected attn_mask dtype to be bool or float or to match query dtype, but "
            f"got attn_mask.dtype: {c_name}'); convert it with `.bool()` (True where "
            "attention is allowed: a 0/1 padding mask's 1s)",
            related=related,
        )

    def _float_only(self, node: cst.CSTNode, mix: DtypeMixObs) -> None:
        """Integers given to an op that computes floating tensors only
        (``torch.randn_like(pixels)``, ``labels.mean()``): reported where they were
        made integer, as at a layer."""
        ((expr, value),) = mix.operands
        if value.dtype == "int64" and not (value.one_hot or _int64_made(value)):
            return  # (index arithmetic: counts, positions)
        made = value.dtype_event()
        at = self.once_at(made.node if made is not None else node, node)
        if at is None:
            return
        name = dotted(expr) or self.ctx.code_for(expr)
        op = op_name(self, node)
        related: dict[str, cst.CSTNode] = {"op": node}
        if at is node:
            story = f"`{name}` is {value.dtype}"
            if made is not None:
                related["made"] = made.node
                story += " (made at line <line:made>)"
            story += f", and {op} computes floating tensors only"
        else:
            story = (
                f"{value.dtype} data made here reaches {op} (line <line:op>) as `{name}`, "
                "which computes floating tensors only"
            )
        torch_name = _INT_NAMES[value.dtype or ""][1]
        self.report(
            at,
            f"{story}: it fails on integers ('not implemented for '{torch_name}'', "
            "'could not infer output dtype'); convert with `.float()` first"
            + (" (pixels: scale them too, e.g. `/ 255`)" if value.dtype == "uint8" else ""),
            related=related,
        )

    def _check(self, node: cst.Call, obs: CallObs) -> bool:
        module = obs.module
        layer = float_input_layer(module)
        dtype, branch = module.dtype, module.branch_cast()
        if branch is not None:  # (if opt.half: model.half(): that run's dtype)
            dtype = branch.detail
        if dtype not in DTYPE_CASTS or obs.followed or layer is None:
            return False
        found = False
        for arg, value in float_inputs(module, obs.args):
            if arg.star or value.kind != Kind.TENSOR or value.dtype not in _INT_NAMES:
                continue
            if value.dtype == "int64" and not (value.one_hot or _int64_made(value)):
                continue
            found = True
            cast = DTYPE_CASTS[dtype or ""]
            c_name, torch_name = _INT_NAMES[value.dtype]
            weights_c, weights = _FLOAT_NAMES[dtype or ""]
            error = (
                f"Input type ({c_name}) and bias type ({weights_c}) should be the same"
                if layer.startswith("Conv")
                else f"mat1 and mat2 must have the same dtype, but got {torch_name} and {weights}"
            )
            pixels = value.dtype == "uint8"
            whole = module.origin.rsplit(".", 1)[-1]
            which = f"a {layer}" if whole == layer else f"its first layer is a {layer}"
            where, aside, more = f"computes in {dtype}", "", None
            if branch is not None:
                # (no fix: the other path runs the model in another dtype)
                where = f"computes in {dtype} where line <line:cast> cast it"
                aside, more = (
                    " on that path (and in the model's dtype elsewhere)",
                    {"cast": branch.node},
                )
            # (one-hot rows: the ids were made for ``F.one_hot``, which is right; the
            # call that runs them as features is the line to change, as at an op)
            InputSite(
                self, arg, value, obs, site=node, at_use=value.one_hot, at_conversion=True
            ).report(
                "one-hot rows (int64)" if value.one_hot else value.dtype,
                f"{where} ({which}): '{error}'",
                cast,
                "convert the input with {}." + cast + "()",
                aside + (" (pixels: scale them too, e.g. `/ 255`)" if pixels else ""),
                made_at="made at ",
                unsafe=True,
                more=more,
                fixed=branch is None,
                made_there=True,
            )
        return found


def _int64_made(value: Value, counts: bool = False) -> bool:
    """int64 ids made by one of ``INT64_MAKERS`` (``torch.randint``, ``.long()``), or
    numpy data cast with ``.astype(np.int64)``, or int64 numpy data made a tensor (``torch.from_numpy(np.asarray(board,
    dtype=np.int64))``, ``torch.tensor(counts)`` of an array): not index arithmetic;
    with ``counts``, ``torch.arange`` of integers too (``INT64_COUNTS``)."""
    made = value.dtype_event()
    if made is None or not isinstance(made.node, cst.Call):
        return False
    func = made.node.func
    last = func.attr.value if isinstance(func, cst.Attribute) else dotted(func)
    if last in DATA_FACTORIES and made.node.args:
        # (a list of Python ints written out is ids or sizes, not numpy data)
        data = made.node.args[0].value
        return last == "from_numpy" or not isinstance(data, _WRITTEN_OUT)
    # (or numpy data cast to int64 on purpose: torch.from_numpy(pair.astype(np.int64)))
    return last in INT64_MAKERS or last == "astype" or (counts and last in INT64_COUNTS)


_WRITTEN_OUT = (cst.List, cst.Tuple, cst.ListComp, cst.Integer, cst.UnaryOperation)
