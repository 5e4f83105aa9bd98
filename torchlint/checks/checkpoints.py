"""TL501-TL503: moving data out of torch and checkpoints in: `.numpy()` on device
tensors, `torch.load` without `map_location` (and, opt-in, without `weights_only`)."""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

import libcst as cst

from torchlint import screen
from torchlint.analysis import lightning
from torchlint.analysis.arrays import LIBRARY_CONVERSION
from torchlint.analysis.datasets import DATA_LOADERS
from torchlint.analysis.names import dotted
from torchlint.analysis.order import contains
from torchlint.analysis.saves import written_here
from torchlint.analysis.torch_api import CHECKPOINT_LOADERS
from torchlint.analysis.values import OUTPUT, Event, Kind, Place, Value
from torchlint.checks._build import attribute_base, kwarg
from torchlint.lint.traverse import nodes
from torchlint.rules.rule import FixSpec, Replace, Rule


def _append_arg(call: cst.Call, arg: cst.Arg) -> cst.Call:
    """``f(a, b)`` -> ``f(a, b, arg)``, keeping the existing arguments as written."""
    args = list(call.args)
    if args:
        last = args[-1]
        if isinstance(last.comma, cst.Comma):
            # f(\n    a,\n    b,\n): one argument per line with a trailing comma. The new
            # one takes the last comma (which leads to the closing parenthesis); the
            # old last one takes the separator used between arguments.
            if len(args) >= 2 and isinstance(args[-2].comma, cst.Comma):
                between = args[-2].comma
            else:
                between = cst.Comma(whitespace_after=call.whitespace_before_args)
            args[-1] = last.with_changes(comma=between)
            return call.with_changes(args=[*args, arg.with_changes(comma=last.comma)])
        args[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return call.with_changes(args=[*args, arg])


class _TorchLoad(Rule):
    """Shared matching for ``torch.load(...)`` through any alias (``loaders``: the
    functions a rule reads, by qualified name)."""

    triggers: ClassVar[tuple[str, ...]] = ("load(",)
    needs = frozenset({screen.TORCH_LOAD})
    loaders: ClassVar[Collection[str]] = ("torch.load", "torch.serialization.load")

    def _load_call(self, node: cst.Call) -> dict[str, cst.Arg] | None:
        if self.ctx.analysis.qualify(node.func) not in self.loaders:
            return None
        if any(a.star for a in node.args):
            return None  # **kwargs may carry the argument: unknown, and no fix can be safe
        return {a.keyword.value: a for a in node.args if a.keyword is not None}


class NumpyOfDeviceTensor(Rule):
    code = "TL501"
    name = "numpy-of-device-tensor"
    summary = "`.numpy()` on a tensor that the code placed on a GPU."
    fixable = True
    triggers = ("numpy", "sklearn", "scipy", "matplotlib")
    needs = frozenset({screen.NUMPY_CALL, screen.ACCELERATOR})
    docs = """
    ## What it does
    Flags `t.numpy()`, `np.array(t)` and `np.asarray(t)` when the flow analysis shows
    `t` on a GPU or a device variable: moved there with `.to(device)` / `.cuda()`,
    created with `device=`, or returned by a model that was moved there (also a
    field of its output: `.logits`, `.last_hidden_state`, any `*_logits` score such
    as DPR's `relevance_logits` or DETR's `pred_logits`). Also the
    numpy functions that make an array of a tensor: ufuncs (`np.exp(t)`), and
    `np.argmax`, `np.argsort`, `np.sort`, `np.clip`, `np.cumsum`, `np.where`, ...,
    which first call the tensor's own method with numpy's arguments (`axis=`,
    `out=`), which torch refuses, then convert it (`np.sum`, `np.mean` and the other
    reductions fail on any device instead, with a `TypeError` of their own); and
    numpy functions given a list of such tensors (`np.concatenate(preds)`, also a
    column of rows collected in a loop: `(np.vstack(c) for c in zip(*rows))`). Also
    the functions of scikit-learn (`accuracy_score(y, preds)`, `roc_auc_score`, ...),
    scipy (`pearsonr`) and pyplot (`plt.imshow`), which make numpy arrays of their
    arguments, and the data methods of a scikit-learn scaler (`scaler.transform(x)`,
    `.inverse_transform(pred)` of a `StandardScaler()`, also one a Dataset of the file
    holds): one finding per call, naming each argument on the device. In a LightningModule's step hooks (`validation_step`, ...) the batch
    and the module's outputs are on the device: Lightning's trainer moved them there.
    The norm `clip_grad_norm_` returns is a tensor where the parameters are
    (`np.isinf(grad_norm)` of a model on a GPU fails). A method of a plain class (or
    of a scikit-learn estimator) that reads what one other method alone sets (not
    `__init__`: `predict_proba` reading the network `fit` built and placed) starts from
    what that method left. A tensor a module's `forward` keeps on it (`self.aux_loss =
    ...`, of its activations), read through the model after it ran on a GPU
    (`[blk.moe.aux_loss for blk in model.blocks]`), is there too. A conversion in
    another file of the project, reached from a
    call of the linted one, is reported on the conversion there when the run lints that
    file too (naming the call that led there), as one in a function of the same file;
    else on the call, naming the argument that hands the tensor over.

    ## Why is this bad?
    `TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to
    copy the tensor to host memory first.` A model's output also requires grad, which
    `.numpy()` refuses as well (`Can't call numpy() on Tensor that requires grad`). On
    a CPU-only test machine the line works; it fails on the GPU box.

    ## Example
    ```python
    logits = model(batch.to(device))
    preds = logits.argmax(-1).numpy()
    ```

    ## Use instead
    ```python
    logits = model(batch.to(device))
    preds = logits.argmax(-1).detach().cpu().numpy()
    ```

    ## Fix safety
    `t.numpy()` becomes `t.detach().cpu().numpy()`: the same values, copied to host
    memory, with no graph: **safe** when the flow analysis knows `t` is a tensor (made
    by a torch factory or a model, or derived from one), so no receiver the code could
    hold lacks `.detach()` or `.cpu()`. `np.array(t)` and `np.asarray(t)` become
    `np.array(t.detach().cpu())` (and `np.argmax(t.detach().cpu(), axis=1)`, which
    numpy hands back as a CPU tensor), under the same condition. When `t` is only known as
    something that was moved (`batch.to(device)`, and `batch` could be a custom
    class with its own `.to()` and `.numpy()`), the fix is **unsafe** and says it
    assumes a tensor. At a scikit-learn, scipy or pyplot call each such argument gets
    `.detach().cpu()`, safe under the same condition.

    ## References
    - [`torch.Tensor.numpy`](https://pytorch.org/docs/stable/generated/torch.Tensor.numpy.html)
    """

    def visit_Call(self, node: cst.Call) -> None:
        for value in self.ctx.analysis.flow.to_numpy.all(node):
            if self._check(node, value):
                return

    def visit_Subscript(self, node: cst.Subscript) -> None:
        """``names[order[:k]]``: a numpy array indexed by a tensor on the device."""
        for value in self.ctx.analysis.flow.to_numpy.all(node):
            handed = value.last("pass")
            if not _on_gpu(value) or handed is None or not contains(node, handed.node):
                continue
            index = handed.node
            assert isinstance(index, cst.BaseExpression)
            code = self.ctx.code_for(index)
            move = value.last("move", "create")
            self.report(
                node,
                f"`{code}` is on {_place(value)}{_moved_at(value, move)}: indexing a numpy "
                "array with it makes a numpy array of it, which raises \"can't convert "
                f'cuda:0 device type tensor to numpy"; index with `{code}.cpu()`',
                FixSpec.safe_if(
                    value.kind == Kind.TENSOR,
                    Replace(
                        index,
                        cst.parse_expression(f"{self.ctx.code_for(attribute_base(index))}.cpu()"),
                    ),
                    message="copy the index to the host"
                    + ("" if value.kind == Kind.TENSOR else " (assumes a tensor)"),
                ),
                {"move": move.node} if move is not None else {},
            )
            return

    def _check(self, node: cst.Call, value: Value) -> bool:
        if value.origin == LIBRARY_CONVERSION:
            return self._library(node, value)
        if value.kind in (Kind.LIST, Kind.TUPLE):
            return self._check_list(node, value)
        if not _on_gpu(value):
            return False
        move = value.last("move", "create")
        numpy_method = isinstance(node.func, cst.Attribute) and node.func.attr.value == "numpy"
        if not numpy_method and not (self.ctx.analysis.qualify(node.func) or "").startswith(
            "numpy."
        ):
            return self._elsewhere(node, value)
        tensor = node.func.value if numpy_method else node.args[0].value  # type: ignore[attr-defined]
        code = self.ctx.code_for(attribute_base(tensor))  # (a / n - m: all of it)
        target: cst.CSTNode = node if numpy_method else tensor
        new = cst.parse_expression(f"{code}.detach().cpu()" + (".numpy()" if numpy_method else ""))
        name = dotted(tensor) or self.ctx.code_for(tensor)
        where = _moved_at(value, move)
        self.report(
            node,
            f"`{name}` is on {_place(value)}{where}: "
            "converting it to numpy raises \"can't convert cuda:0 device type "
            'tensor to numpy"; use `.detach().cpu().numpy()`',
            FixSpec.safe_if(
                value.kind == Kind.TENSOR,
                Replace(target, new),
                message="copy to the host first"
                + (
                    "" if value.kind == Kind.TENSOR else " (assumes a tensor: .detach() and .cpu())"
                ),
            ),
            {"move": move.node} if move is not None else {},
        )
        return True

    def _elsewhere(self, node: cst.Call, value: Value, seen: Value | None = None) -> bool:
        """A call of this file that leads to the conversion in another file of the
        project (``save_mask(path, mask)``, whose ``img.numpy()`` is in utils.py): reported
        at the call, naming the argument that carries the tensor there (where nothing
        handed over is on the device, at the conversion, for the other file, when the
        run lints it: ``Rule.once_at(forward=True)``). No fix: the
        conversion is in the other file, and what this call should hand over is the
        author's choice (``mask.cpu()``, or a helper that copies to the host). ``seen``:
        what the flow recorded there, where ``value`` is a part of it (a library call's
        arguments)."""
        handed = value.handed_in()
        arg = handed.node if handed is not None and contains(node, handed.node) else None
        place = _place(value)
        callee = dotted(node.func) or "a function"
        error = "'can't convert cuda:0 device type tensor to numpy'"
        # The conversion is the line to change, where the run lints that file too (as
        # for a function of this file); else this call, which hands the tensor over
        # (or leads to where it is put on the device and converted).
        there = self.ctx.analysis.flow.to_numpy.seen_at.get(id(seen or value))
        at = node if there is None else self.once_at(there, node, forward=True)
        if at is None:
            return True
        if at is there:
            message = (
                f"this converts a tensor on {place} to numpy: {error}; copy it to the host "
                "first with `.detach().cpu()`"
            )
        elif arg is not None:
            message = (
                f"this call hands `{self.ctx.code_for(arg)}`, on {place}, to `{callee}` in "
                f"another file, which converts it to numpy: {error}; hand it over with "
                "`.detach().cpu()`, or copy it to the host there"
            )
        else:
            message = (
                f"`{callee}` in another file puts a tensor on {place} and converts it "
                f"to numpy: {error}; copy it to the host there with `.detach().cpu()`"
            )
        self.report(at, message, None)
        return True

    def _library(self, node: cst.Call, converted: Value) -> bool:
        """``accuracy_score(y, preds)`` of tensors on a device: scikit-learn makes
        numpy arrays of them. One finding for the call; the fix copies each such
        argument to the host."""
        found = [
            (v, handed.node)
            for v in converted.items
            if _on_gpu(v)
            and (handed := v.last("pass")) is not None
            and isinstance(handed.node, cst.BaseExpression)
            and contains(node, handed.node)
        ]
        if not found:
            # (the library call is in another file, where this call led: ``_elsewhere``)
            gpu = [v for v in converted.items if _on_gpu(v)]
            if gpu and id(converted) in self.ctx.analysis.flow.to_numpy.seen_at:
                return self._elsewhere(node, gpu[0], converted)
            return False
        first = found[0][0]
        move = first.last("move", "create")
        names = " and ".join(f"`{self.ctx.code_for(a)}`" for _, a in found)
        where = _moved_at(first, move)
        place = _place(first)
        tensors = all(v.kind == Kind.TENSOR for v, _ in found)
        self.report(
            node,
            f"{names} {'are' if len(found) > 1 else 'is'} on {place}{where}: "
            f"`{_callee(node)}` converts its arguments to numpy, which "
            'raises "can\'t convert cuda:0 device type tensor to numpy"; pass '
            + " and ".join(f"`{self.ctx.code_for(a)}.detach().cpu()`" for _, a in found),
            FixSpec.safe_if(
                tensors,
                *(
                    Replace(
                        a,
                        cst.parse_expression(
                            f"{self.ctx.code_for(attribute_base(a))}.detach().cpu()"
                        ),
                    )
                    for _, a in found
                ),
                message="copy to the host first" + ("" if tensors else " (assumes tensors)"),
            ),
            {"move": move.node} if move is not None else {},
        )
        return True

    def _check_list(self, node: cst.Call, listed: Value) -> bool:
        """``np.concatenate(preds)`` of a list of tensors that live on the GPU: each
        is converted. No fix: the tensors are best brought over where they are added."""
        value = next((v for v in listed.items if _on_gpu(v)), None)
        if value is None:
            return False
        move = value.last("move", "create")
        there = self.ctx.analysis.flow.to_numpy.seen_at.get(id(listed))
        if there is not None:
            # (converted in another file this call leads to: that line, for that
            # file, when the run lints it; else this call)
            at = self.once_at(there, node, forward=True)
            if at is not None and at is not there:
                self.report(
                    at,
                    f"`{dotted(node.func) or 'this call'}` in another file converts a list "
                    f"of tensors on {_place(value)} to numpy, which raises \"can't convert "
                    'cuda:0 device type tensor to numpy"; add `.detach().cpu()` tensors to '
                    "the list there",
                    None,
                )
                return True
            if not isinstance(at, cst.Call):
                return True
            node = at  # (that file's conversion, reported for it)
        listed_at = node.args[0].value
        if dotted(node.func) == "map" and len(node.args) == 2:
            # map(np.asarray, zip(*rows)): the rows
            listed_at = node.args[1].value
            if isinstance(listed_at, cst.Call) and len(listed_at.args) == 1:
                listed_at = listed_at.args[0].value
        name = self.ctx.code_for(listed_at)
        where = (
            " (line <line:move>)"
            if move is not None
            else " (outputs of a model there)"
            if value.origin == OUTPUT
            else ""
        )
        self.report(
            node,
            f"`{name}` holds tensors on {_place(value)}"
            f"{where}: converting them to numpy raises \"can't convert cuda:0 device type "
            'tensor to numpy"; add `.detach().cpu()` tensors to the list (or convert each one)',
            None,
            {"move": move.node} if move is not None else {},
        )
        return True


def _place(value: Value) -> str:
    return "a GPU" if value.device == Place.CUDA else "the device"


def _moved_at(value: Value, move: Event | None) -> str:
    """Where the tensor was put on the device, for the message."""
    if move is None:
        return " (the output of a model there)" if value.origin == OUTPUT else ""
    if move.detail == lightning.PLACED_BY:
        return " (Lightning's trainer puts the batch there before the step hook, line <line:move>)"
    return " (line <line:move>)"


def _on_gpu(value: Value) -> bool:
    if not value.on_accelerator:
        return False
    # made with device=x.device: that says "same as x", not "on a GPU"
    return value.device == Place.CUDA or value.last("move") is not None or value.origin == OUTPUT


class TorchLoadWithoutMapLocation(_TorchLoad):
    code = "TL502"
    whole_class = True  # a class's loader method reads what its saver method writes
    name = "torch-load-without-map-location"
    summary = (
        "`torch.load` without `map_location` restores tensors onto the device they were saved from."
    )
    fixable = True
    triggers = ("load(", "load_url(", "load_state_dict_from_url(")
    loaders = CHECKPOINT_LOADERS
    docs = """
    ## What it does
    Flags `torch.load(path)` calls (through any alias) that pass no `map_location`,
    and `torch.hub.load_state_dict_from_url(url)` / `torch.utils.model_zoo.load_url`,
    which unpickle the download the same way.

    ## Why is this bad?
    Without `map_location`, every tensor goes back to the device it was saved from. A
    checkpoint saved on a GPU then fails on a CPU-only machine (`Attempting to
    deserialize object on a CUDA device but torch.cuda.is_available() is False`) and,
    on a multi-GPU host, every process loads it onto GPU 0 — out of memory on rank 0
    in distributed training.

    ## Example
    ```python
    state = torch.load("checkpoint.pt")
    model.load_state_dict(state)
    ```

    ## Use instead
    ```python
    state = torch.load("checkpoint.pt", map_location="cpu")
    model.load_state_dict(state)
    ```

    Not flagged: a file the code wrote itself, which the load restores on purpose
    onto the devices the same run saved it from (`torchlint/analysis/saves.py`): a
    path under a temporary directory (pytest's `tmp_path`/`tmpdir`, `tempfile`), a
    file the same function saves (`fabric.save(path, ...)` then `torch.load(path)`),
    a loader method reading its parameter in a class whose saver method
    `torch.save`s to its own (a scheduler's or an aligner's state), or a path this
    module passes to a save call in the same words. The last two only when what is
    saved holds no model weights, or only host copies (no `.state_dict()` unless a
    `.cpu()` or `offload_to_cpu` is in it): a DDP trainer that saves its model's
    `state_dict()` from rank 0 and restores it on every rank is flagged, since each
    rank then loads rank 0's GPU tensors onto cuda:0. Nor a load on the branch of a
    GPU test that the GPU run takes when the other branch loads with `map_location`
    (`if use_cuda: torch.load(p)` / `else: torch.load(p, map_location="cpu")`, with
    `use_cuda = torch.cuda.is_available()`, also in the caller): the code chose the
    device per run. Nor a load in a method of a `Dataset` class (`__init__` reading
    a manifest, `__getitem__` reading one sample), or one whose result the same code
    hands to a `DataLoader` in its dataset (`DataLoader(torch.load(path))` itself,
    also what the code computes from it first:
    `x, y = data["x"].float(), data["y"]`, then `DataLoader(TensorDataset(x, y))`): those are data files the project's
    own preprocessing wrote, not a model's checkpoint, and a Dataset whose files held
    GPU tensors would fail in its DataLoader workers long before any device mix-up
    (held-out writers put such a load in half their cases; it was this rule's only
    finding on correct code).

    ## Fix safety
    The fix adds `map_location="cpu"`. `load_state_dict` copies into the model's own
    parameters wherever they are, so the usual pattern behaves the same minus the
    crash; but code that uses the loaded tensors directly (an optimizer state, a
    cached tensor, a restore that is meant to put tensors back where they were) now
    gets them on the CPU: moving tensors to another device is a behaviour change, so
    the fix is **unsafe**. Calls with `**kwargs` are not reported (the keyword may be
    inside), nor are calls passing `map_location` positionally. The `weights_only`
    question is a separate, opt-in rule (TL503).

    ## References
    - [`torch.load`](https://pytorch.org/docs/stable/generated/torch.load.html)
    """

    def visit_Call(self, node: cst.Call) -> None:
        kwargs = self._load_call(node)
        if kwargs is None or "map_location" in kwargs:
            return
        positional = [a for a in node.args if a.keyword is None]
        loader = self.ctx.analysis.qualify(node.func) or "torch.load"
        if len(positional) > CHECKPOINT_LOADERS[loader]:
            return  # torch.load(f, "cpu"): map_location given positionally
        ctx = self.ctx
        if written_here(node, ctx.analysis, ctx.function, ctx.cls) is not None:
            return  # restores what the same code saved, on the same devices
        if (ctx.cls is not None and ctx.cls.is_dataset) or self._loader_data(node):
            return  # a Dataset's data files, not a checkpoint (see the docs)
        if self._mapped_in_other_branch(node):
            return  # ``if gpu: load(p)`` / ``else: load(p, map_location=...)``
        self.report(
            node,
            f"`{_shown(loader)}` without `map_location` puts every tensor back on "
            "the device it "
            "was saved from: a GPU checkpoint fails on a CPU-only machine and lands on GPU 0 "
            'in every process; pass `map_location="cpu"` (or the target device)',
            FixSpec.unsafe(
                Replace(node, _append_arg(node, kwarg("map_location", cst.SimpleString('"cpu"')))),
                message='add map_location="cpu"',
            ),
        )

    def _loader_data(self, node: cst.Call) -> bool:
        """``samples = torch.load(p)`` whose name (or what the same body computes from
        it) the body hands to a DataLoader in its dataset (``DataLoader(samples,
        ...)``, ``DataLoader(Pairs(x, y))``): a data file, as a Dataset's."""
        stmt = self.ctx.statements[-1] if self.ctx.statements else None
        if stmt is not None and any(
            self.ctx.analysis.qualify(call.func) in DATA_LOADERS
            and (dataset := _dataset_arg(call)) is not None
            and contains(dataset, node)
            for call in nodes(stmt, cst.Call)
        ):
            return True  # DataLoader(torch.load(path), ...): the load is its dataset
        assign = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) else None
        if not (isinstance(assign, cst.Assign) and assign.value is node):
            return False
        names = _bound(assign)
        fn = self.ctx.function
        body = fn.node if fn is not None else self.ctx.module
        # (and the names the body binds to what it computes from it: ``x, y =
        # data["x"].float(), ...``, handed on as ``DataLoader(TensorDataset(x, y))``)
        for later in nodes(body, cst.Assign):
            if later is not assign and any(n.value in names for n in nodes(later.value, cst.Name)):
                names |= _bound(later)
        return any(
            self.ctx.analysis.qualify(call.func) in DATA_LOADERS
            and call.args
            and any(n.value in names for n in nodes(call.args[0].value, cst.Name))
            for call in nodes(body, cst.Call)
        )

    def _mapped_in_other_branch(self, node: cst.Call) -> bool:
        """The innermost ``if`` around the load is a GPU test (as the flow analysis
        read it: ``if use_cuda:`` of ``use_cuda = torch.cuda.is_available()``), the
        load is on the branch the GPU run takes, and the other branch loads with
        ``map_location``: the code chose the device per run (``torch.load(p)`` / ``else:
        torch.load(p, map_location="cpu")``)."""
        for stmt in reversed(self.ctx.statements):
            if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                return False
            if not isinstance(stmt, cst.If):
                continue
            taken = self.ctx.analysis.flow.gpu_tests.get(id(stmt))
            other: cst.CSTNode | None
            if contains(stmt.body, node):
                other = stmt.orelse if taken == "body" else None
            elif stmt.orelse is not None and contains(stmt.orelse, node):
                other = stmt.body if taken == "orelse" else None
            else:
                continue
            return other is not None and any(
                "map_location" in kwargs
                for call in nodes(other, cst.Call)
                if (kwargs := self._load_call(call)) is not None
            )
        return False


def _dataset_arg(call: cst.Call) -> cst.BaseExpression | None:
    """The dataset a ``DataLoader(...)`` call is given (first, or ``dataset=``)."""
    for i, arg in enumerate(call.args):
        if (arg.keyword is None and i == 0 and not arg.star) or (
            arg.keyword is not None and arg.keyword.value == "dataset"
        ):
            return arg.value
    return None


def _bound(assign: cst.Assign) -> set[str]:
    """The names ``assign`` binds: ``x = ...``, ``x, y = ...`` (not an attribute or
    an entry it sets: ``args.epoch = ckpt["epoch"]`` binds nothing new here)."""
    out: set[str] = set()
    for target in assign.targets:
        node = target.target
        elements = node.elements if isinstance(node, (cst.Tuple, cst.List)) else [node]
        for element in elements:
            value = element.value if isinstance(element, cst.BaseElement) else element
            if isinstance(value, cst.Name):
                out.add(value.value)
    return out


def _shown(loader: str) -> str:
    """How a message names a checkpoint loader: ``torch.load``, ``load_url``."""
    return "torch.load" if loader.endswith(".load") else loader.rsplit(".", 1)[-1]


class TorchLoadWithoutWeightsOnly(_TorchLoad):
    code = "TL503"
    name = "torch-load-without-weights-only"
    summary = "`torch.load` without `weights_only=` can run arbitrary code from the file."
    default_enabled = False
    fixable = True
    docs = """
    ## What it does
    Flags `torch.load(...)` calls that do not say `weights_only=`. Off by default: it is
    a security rule, not a device/dtype one (TorchFix's TOR102 covers the same ground).

    ## Why is this bad?
    `weights_only=False` unpickles arbitrary objects, which can execute code from a
    downloaded checkpoint. Since PyTorch 2.6 the default is `True`, so old code that
    stores optimizers or custom classes starts failing on upgrade unless it says which
    one it means.

    ## Example
    ```python
    state = torch.load("model.pt", map_location="cpu")
    ```

    ## Use instead
    ```python
    state = torch.load("model.pt", map_location="cpu", weights_only=True)
    ```

    Not flagged: the fallback for a torch that lacks the keyword (`try:
    torch.load(f, weights_only=True)` / `except TypeError: torch.load(f)`) and any
    call in a version-gated branch (`torchlint/analysis/gates.py`).

    ## Fix safety
    Adding `weights_only=True` makes loading a checkpoint that holds non-tensor
    objects fail: **unsafe**. Calls with `**kwargs` are not reported.

    ## References
    - [`torch.load`](https://pytorch.org/docs/stable/generated/torch.load.html)
    """

    def visit_Call(self, node: cst.Call) -> None:
        kwargs = self._load_call(node)
        if kwargs is None or "weights_only" in kwargs:
            return
        if self.ctx.analysis.gates.covers(node) is not None:
            return  # the fallback for a torch without weights_only (except TypeError)
        self.report(
            node,
            "`torch.load` without `weights_only=`: say `weights_only=True` unless the file "
            "holds more than tensors (it can run code when unpickling)",
            FixSpec.unsafe(
                Replace(node, _append_arg(node, kwarg("weights_only", cst.Name("True")))),
                message="add weights_only=True",
            ),
        )


def _callee(node: cst.Call) -> str:
    """``accuracy_score``, ``ax.plot``; ``.imshow`` of ``axs.flatten()[i].imshow(...)``."""
    name = dotted(node.func)
    if name is None and isinstance(node.func, cst.Attribute):
        return f".{node.func.attr.value}"
    return name or "this function"
