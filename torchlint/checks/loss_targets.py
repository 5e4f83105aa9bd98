"""TL104: loss targets of a dtype torch refuses, read from the flow analysis: integer
class indices of the wrong width (also the ``labels`` of a transformers task head),
integer or float64 targets of BCE, float64 regression targets of a float32 prediction."""

from __future__ import annotations

import libcst as cst

from torchlint import screen
from torchlint.analysis.loaders import DETECTION_HEAD
from torchlint.analysis.loss_api import (
    CLASS_INDEX_LOSSES,
    LABELS_CROSS_ENTROPY_HEADS,
    LOGIT_LOSSES,
    MIXED_FLOAT_BACKWARD_LOSSES,
    PROBABILITY_LOSSES,
    PROBLEM_TYPE_SETTINGS,
    RECORDED_LOSSES,
)
from torchlint.analysis.names import called_name, dotted
from torchlint.analysis.observations import LossObs
from torchlint.analysis.order import contains
from torchlint.analysis.torch_api import CONSTANT_FACTORIES, SCALAR_TYPE_NAMES
from torchlint.analysis.values import OUTPUT, Kind
from torchlint.checks._build import method_call
from torchlint.lint.traverse import nodes
from torchlint.rules.rule import FixSpec, Replace, Rule

# Integer targets nll_loss refuses; uint8 ("Byte") is accepted next to int64.
_NARROW_INTS = {"int32": "Int", "int16": "Short", "int8": "Char"}
_TORCH_NAMES = {"int64": "Long", "uint8": "Byte", "bool": "Bool", **_NARROW_INTS}
_INTEGERS = frozenset(_TORCH_NAMES)
# Class-index losses that also take class probabilities as a floating target.
_PROBABILITY_TARGETS = frozenset({"torch.nn.functional.cross_entropy", "torch.nn.CrossEntropyLoss"})


class LossTargetDtype(Rule):
    code = "TL104"
    name = "loss-target-dtype"
    summary = (
        "A loss target of a dtype torch refuses: class indices of `cross_entropy` / "
        "`nll_loss` (and `labels` of a transformers task head) that are not int64 "
        "(narrow integers, class ids cast to a float), "
        "integer (or float64) targets of BCE, float64 targets of a float32 prediction "
        "in `huber_loss` / `mse_loss`."
    )
    fixable = True
    triggers = (
        *(q.rsplit(".", 1)[-1] for q in RECORDED_LOSSES),
        *LABELS_CROSS_ENTROPY_HEADS,
        "detection",
    )
    needs = frozenset({screen.LOSS, screen.TARGET_DTYPE})
    _problem_type: bool | None = None  # (per file: ``_sets_problem_type``)
    docs = """
    ## What it does
    Flags targets passed to `F.cross_entropy`, `F.nll_loss`, `nn.CrossEntropyLoss()`
    or `nn.NLLLoss()` when the flow analysis shows they were made or cast as int32,
    int16 or int8: `.int()`, `.to(torch.int32)`, `torch.tensor(..., dtype=torch.int32)`,
    `.short()`, `.type(torch.IntTensor)`. (uint8 targets are accepted: torch checks for
    "Long or Byte".) And targets of `F.binary_cross_entropy` / `nn.BCELoss()` that are
    integers (`torch.full((n,), 1)`, `.long()`) or float64 where the input is not, and
    integer targets of `F.binary_cross_entropy_with_logits` / `nn.BCEWithLogitsLoss()`.
    A target made in the file by a constant factory (`torch.full`, `zeros`, `ones`,
    `empty`, `arange`, `eye`, their `_like` forms) got its dtype there: an int fill
    value makes int64, as `dtype=torch.long` does. That finding lands on the factory
    (the line to change), once however many losses the target reaches, naming the
    first; any other target is reported at the loss (a loss in another file of the
    project, in a model's forward, say: on that file's line when the run lints it too,
    else at the call that led there). The dtype is followed through a Dataset, a
    `collate_fn` of the project that pads the items (`np.full(..., dtype=t[0].dtype)`
    of the arrays `zip(*batch)` gives) and `torch.from_numpy`.

    And the `labels` of the targets a torchvision detection model (`fasterrcnn_*`,
    `retinanet_*`, `ssd*`, ... of `torchvision.models.detection`) is trained on,
    `model(images, targets)`, when they are not int64: float labels (a float column,
    `dtype=torch.float32`) or int32 ones, made in a Dataset and batched by
    `collate_fn=lambda batch: tuple(zip(*batch))` or a collate function of the file;
    the finding is where they got that dtype, naming the model call.

    And `labels` handed to a transformers task head that computes a cross-entropy on
    them in its forward (`*ForSequenceClassification`, `*ForTokenClassification`,
    `*ForMultipleChoice`, `*ForCausalLM`, `*ForMaskedLM`, `*LMHeadModel`,
    `*ForConditionalGeneration`, the `AutoModelFor...` classes; built from a config
    or with `from_pretrained`) as a keyword or through `model(**batch)`, where the
    flow knows the batch's `labels` entry: a dict the code builds, also in a
    `collate_fn` of the project that a `DataLoader` batches with, moved entry by entry
    (`{k: v.to(device) for k, v in batch.items()}`). int32 labels are refused by all
    of them; int16 and int8 by those whose loss is always a cross-entropy (the
    sequence and image classifiers take other dtypes as multi-label targets). Not
    where the file sets a `problem_type` or `num_labels=1` (a regression head). That
    finding lands on the line that made the labels, naming the model call.

    And class ids cast to a float that reach `cross_entropy` / `CrossEntropyLoss()`:
    an integer tensor or array (`torch.randint`, uint8 masks read from images with
    `cv2.imread` and resized or flipped, or drawn with numpy, integer labels) cast with `.float()`, `.to(torch.float32)` or
    `.astype("float32")`, or one Python int (`int(row["label"])`, `names.index(name)`)
    made a float tensor with `torch.tensor(class_idx, dtype=torch.float)`, or written
    into a floating buffer made with a whole number as a collate function pads them
    (`torch.zeros(b, t)`, `torch.full((b, t), -1.0)`: the write casts them), followed
    through reshapes, indexing, `stack`, moves, a `Dataset` and its `DataLoader`. Not one-hot rows (`F.one_hot(y, n).float()`),
    stacked boolean masks, or anything computed from the ids (a softmax, a mixup):
    those are class probabilities, which `cross_entropy` takes. That finding lands on
    the cast (the buffer's factory), the line to change, once, naming the loss. Any target cast to a float
    in the code is refused by `nll_loss` / `NLLLoss()`.

    And float64 targets of a float32 prediction in `F.huber_loss` / `nn.HuberLoss()`
    and `F.mse_loss` / `nn.MSELoss()`, outside `torch.no_grad()`: numpy data
    (`np.loadtxt`, `rng.uniform(...)` of `np.random.default_rng()`, arithmetic that
    keeps numpy's float64) converted with `torch.from_numpy` or collated by a
    `DataLoader` over a `Dataset` of the file (also through a dict of entries and a
    helper that moves them), `torch.tensor(..., dtype=torch.float64)`, `.double()`.
    That finding lands on the line that made the target float64 (the line to change),
    once, and names the loss. A prediction in float64 too (`model.double()`), a target
    cast with `.float()`, and `l1_loss` / `smooth_l1_loss` (which promote) are fine;
    autocast is no excuse: it never casts a float64 tensor.

    And floating lengths given to `F.ctc_loss` / `nn.CTCLoss()` (`input_lengths`,
    `target_lengths`, by keyword or position): frames counted with `.sum()` of a float
    mask (`torch.ones(...)`, `.float()`), reported at the loss, each length once.
    Lengths a module hands back beside its output (`logits, out_lens = model(x)`)
    are not read as floating: only the dtype a factory or a cast of the code gave.

    ## Why is this bad?
    Class-index targets must be `torch.long` (or uint8): `RuntimeError: expected
    target dtype to be Long or Byte, but got Int` (older releases: `expected scalar
    type Long but found Int`; "nll_loss_forward_reduce_cuda_kernel_2d_index" not
    implemented for 'Int' on GPUs). It is the most frequent dtype crash in the real threads (16 of
    them): labels built as int32 to save memory, or cast with `.int()` after a
    comparison. BCE wants probabilities as targets, in the input's dtype: `Found dtype
    Long but expected Float` (DCGAN-style `torch.full((b,), 1)` labels), `Found dtype
    Double but expected Float`; with logits, `result type Float can't be cast to the
    desired output type Long`. A regression target from numpy is float64 (numpy's
    default float, which `torch.from_numpy` and the default collate keep): the forward
    promotes and runs, then `loss.backward()` fails with `Found dtype Double but
    expected Float` in `huber_loss` (torch 2.13 too) and in `mse_loss` up to torch 2.10
    (newer releases compute the whole loss in float64 instead). CTC's lengths must be
    integers: `RuntimeError: target_lengths must be integral` (checked with torch
    2.13.0+cpu).

    ## Example
    ```python
    labels = torch.tensor(batch["labels"], dtype=torch.int32)
    loss = F.cross_entropy(logits, labels)
    ```

    ## Use instead
    ```python
    labels = torch.tensor(batch["labels"], dtype=torch.long)
    loss = F.cross_entropy(logits, labels)
    ```

    ## Fix safety
    The fix converts at the call: `F.cross_entropy(logits, labels.long())`. Integer
    class indices keep their values; the loss then runs instead of raising: **safe**.
    The target is one the flow analysis knows is a tensor (made by a torch factory or
    cast to an integer dtype in the code), so no other receiver can reach the fix.
    Labels given as `labels=y` to a task head become `labels=y.long()` (safe, as
    above); labels inside `**batch` get no fix.
    A BCE target becomes `label.float()`: 0 and 1 stay 0.0 and 1.0, and a float64
    target is rounded to float32, the input's precision: also **safe**. So is a
    regression target's `.float()`, at the loss, whichever line the finding is on.
    Class ids cast to a float get `target.long()` at the loss: **unsafe**, because
    integer data with a class dimension (multi-hot labels stored as integers) would
    be valid probabilities, and `.long()` would then change what the loss computes.
    CTC's lengths get `lengths.long()` at the loss: counts of frames are whole numbers,
    and a floating tensor there always raises: **safe**.

    ## References
    - [`torch.nn.functional.cross_entropy`](https://pytorch.org/docs/stable/generated/torch.nn.functional.cross_entropy.html)
    - [`torch.nn.BCELoss`](https://pytorch.org/docs/stable/generated/torch.nn.BCELoss.html)
    - [`torch.nn.HuberLoss`](https://pytorch.org/docs/stable/generated/torch.nn.HuberLoss.html)
    - [`torch.nn.CTCLoss`](https://pytorch.org/docs/stable/generated/torch.nn.CTCLoss.html)
    """

    def visit_Call(self, node: cst.Call) -> None:
        # The function's own walk, then each call of it the file makes: one finding.
        # (a loss given lengths: each length argument, once)
        lengths: set[str] = set()
        for found in self.ctx.analysis.flow.loss_targets.all(node):
            if found.role in lengths:
                continue
            if self._check(found, node):
                if not found.role:
                    return
                lengths.add(found.role)

    def _check(self, found: LossObs, call: cst.Call) -> bool:
        value = found.target
        if value.kind != Kind.TENSOR:
            return False
        if found.head is not None and found.head[0] == DETECTION_HEAD:
            return self._detection_labels(found, call)
        if found.head is not None:
            return self._head_labels(found, call)
        if found.role:
            if value.dtype not in SCALAR_TYPE_NAMES or value.origin == OUTPUT:
                # (integer lengths, or unknown: a module's output is in its dtype, but
                # the lengths a module hands back beside it are its own business)
                return False
            error = f"{found.role} must be integral"
            return self._report(found, call, "long", f"integer `{found.role}`", error)
        if found.qualified in CLASS_INDEX_LOSSES and value.dtype in _NARROW_INTS:
            error = f"expected target dtype to be Long or Byte, but got {_NARROW_INTS[value.dtype]}"
            return self._report(found, call, "long", "int64 class indices", error)
        if found.qualified in CLASS_INDEX_LOSSES and value.dtype in SCALAR_TYPE_NAMES:
            return self._float_class_ids(found, call)
        if found.qualified in PROBABILITY_LOSSES:
            if value.dtype in _INTEGERS:
                error = f"Found dtype {_TORCH_NAMES[value.dtype]} but expected Float"
                return self._report(found, call, "float", "floating targets", error)
            if value.dtype == "float64" and found.input.dtype in ("float32",):
                error = "Found dtype Double but expected Float"
                return self._report(found, call, "float", "targets in the input's float32", error)
        if (
            found.qualified in MIXED_FLOAT_BACKWARD_LOSSES
            and found.grad
            and value.dtype == "float64"
            and found.input.kind == Kind.TENSOR
            and found.input.dtype == "float32"
        ):
            return self._float64_target(found)
        if found.qualified in LOGIT_LOSSES and value.dtype in _INTEGERS:
            error = (
                "result type Float can't be cast to the desired output type "
                f"{_TORCH_NAMES[value.dtype]}"
            )
            return self._report(found, call, "float", "floating targets", error)
        return False

    def _detection_labels(self, found: LossObs, call: cst.Call) -> bool:
        """The ``labels`` of a torchvision detection model's targets, of a dtype
        other than int64: reported where they got it (the line to change), naming
        the model call."""
        value = found.target
        names = {**_TORCH_NAMES, **SCALAR_TYPE_NAMES}
        if value.dtype is None or value.dtype in ("int64", "uint8", "bool"):
            return False
        if value.dtype not in names:
            return False
        made = value.last("cast", "create")
        at = None if made is None else self.once_at(made.node, call)
        if at is None:
            return made is not None
        self.report(
            at,
            f"{value.dtype} labels made here reach `{found.loss}` at line <line:call> as "
            "the targets' `labels`, which the detector's loss uses as int64 class "
            f"indices: training raises there ('expected scalar type Long but found "
            f"{names[value.dtype]}' in Faster R-CNN's); make them with "
            "`dtype=torch.int64` (or `.long()` them)",
            None,
            {"call": call},
        )
        return True

    def _head_labels(self, found: LossObs, call: cst.Call) -> bool:
        """Class-index ``labels`` of a narrow integer dtype handed to a transformers
        task head that computes a cross-entropy on them (``model(**batch)``):
        reported where they got that dtype (the line to change), once, naming the
        model call. A head whose loss depends on the config refuses only int32 (other
        dtypes make it a multi-label head), and not where the file sets a
        ``problem_type`` or ``num_labels=1`` (a regression head)."""
        arg, value = found.target_arg, found.target
        _, configured = found.head or ("", False)
        dtype = value.dtype
        if dtype is None or dtype not in (("int32",) if configured else _NARROW_INTS):
            return False
        if configured and self._sets_problem_type():
            return False
        error = f"expected target dtype to be Long or Byte, but got {_NARROW_INTS[dtype]}"
        made = value.last("cast", "create")
        problem = (
            f"`{found.loss}` computes a cross-entropy on its `labels`, which needs int64 "
            f"class indices: '{error}'"
        )
        fix = None
        if arg.keyword is not None:  # labels=y: converted at the call
            fix = FixSpec.safe(
                Replace(arg.value, method_call(arg.value, "long")),
                message=f"convert the labels with {self.ctx.code_for(arg.value)}.long()",
            )
        at: cst.CSTNode | None = arg.value if made is None else self.once_at(made.node, call)
        if at is None:
            return True  # reported on that line already
        if made is not None and at is made.node:
            self.report(
                at,
                f"{value.dtype} labels made here reach the model call at line <line:call> "
                f"as `labels`: {problem}; make them with `dtype=torch.long` (or `.long()` "
                "them)",
                fix,
                {"call": call},
            )
        else:
            where = " (made at line <line:made>)" if made is not None else ""
            related = {"made": made.node} if made is not None else {}
            self.report(
                at,
                f"the `labels` given here are {value.dtype}{where}: {problem}; make them "
                "with `dtype=torch.long` (or `.long()` them)",
                fix,
                related,
            )
        return True

    def _sets_problem_type(self) -> bool:
        """The file sets a head's ``problem_type`` (a keyword, an attribute, a config
        key) or ``num_labels`` to 1: its classification heads may be regression or
        multi-label heads."""
        if self._problem_type is None:
            self._problem_type = any(
                _problem_type_setting(n) for n in nodes(self.ctx.module, cst.CSTNode)
            )
        return self._problem_type

    def _float_class_ids(self, found: LossObs, call: cst.Call) -> bool:
        """A floating target of ``nll_loss`` (which takes class indices only), or of
        ``cross_entropy`` where it holds class ids cast to a float (an integer mask
        or label tensor converted with ``.float()`` / ``.astype("float32")``):
        ``cross_entropy`` reads a float target as class probabilities, which have
        the input's class dimension, so it raises. Reported where the ids became
        floats (the line to change), once, naming the loss; the fix converts at the
        loss."""
        arg, value = found.target_arg, found.target
        dtype = value.dtype or ""
        error = f"expected target dtype to be Long or Byte, but got {SCALAR_TYPE_NAMES[dtype]}"
        probabilities = found.qualified in _PROBABILITY_TARGETS
        cast = value.whole
        made = value.last("cast", "create")
        # (cross_entropy of a target with fewer dimensions than the input, as the
        # code writes both: ``logits.view(-1, C)``, ``labels.view(-1)``: class indices)
        fewer = probabilities and cast is None and _fewer_dims(call, arg)
        if cast is None and not fewer and (probabilities or made is None or made.action != "cast"):
            return False  # (nll_loss: a target cast to a float here, not any float)
        name = dotted(arg.value) or self.ctx.code_for(arg.value)
        converted = self.ctx.code_for(method_call(arg.value, "long"))
        why = (
            "takes a floating target only as class probabilities (with the input's class dimension)"
            if probabilities
            else "takes class indices only"
        )
        problem = f"{found.loss} {why}: '{error}'"
        related: dict[str, cst.CSTNode] = {}
        at: cst.CSTNode | None = arg.value
        if cast is not None and not contains(arg.value, cast.node):
            related = {"cast": cast.node, "loss": arg.value}
            at = self.once_at(cast.node, call, forward=True)
        elif id(arg.value) in self._reported_at:
            at = None
        if at is None:
            return True  # reported on that line already
        self._reported_at.add(id(at))
        if cast is None and fewer:
            where = ""
            if made is not None and not contains(arg.value, made.node):
                related, where = {"made": made.node}, " (made at line <line:made>)"
            message = (
                f"`{name}` is {dtype}{where} and has fewer dimensions than the input, so "
                f"it is read as class indices: {problem}; pass `{converted}`"
            )
        elif cast is None:
            where = ""
            if made is not None and not contains(arg.value, made.node):
                related, where = {"made": made.node}, " (cast at line <line:made>)"
            message = f"`{name}` is {dtype}{where}: {problem}; pass `{converted}`"
        elif at is cast.node and cast.action == "create":  # (ids written into it: whole.py)
            message = (
                f"this {dtype} tensor made here is filled with integer class ids (a write "
                f"casts them to its dtype) and reaches {found.loss} (line <line:loss>) as "
                f"the target `{name}`: {problem}; make it with `dtype=torch.long`, or pass "
                f"`{converted}` there"
            )
        elif at is cast.node:
            message = (
                f"class ids cast to {dtype} here reach {found.loss} (line <line:loss>) as "
                f"the target `{name}`: {problem}; keep them integers (drop the cast, or "
                f"`.long()` them), or pass `{converted}` there"
            )
        else:  # (the cast is in the target, or in another file linted apart)
            where = " at line <line:cast>" if "cast" in related else ""
            message = (
                f"`{name}` holds class ids cast to {dtype}{where}: {problem}; keep them "
                f"integers, or pass `{converted}`"
            )
        fix = FixSpec.unsafe(
            Replace(arg.value, method_call(arg.value, "long")),
            message=f"convert the target with {name}.long()",
        )
        self.report(at, message, fix, related)
        return True

    def _float64_target(self, found: LossObs) -> bool:
        """A float64 target (numpy data, collated by a DataLoader or converted with
        ``torch.from_numpy``; ``.double()``) of a float32 prediction, in a loss whose
        backward refuses two dtypes: reported where the float64 was made (the line
        to change), once, naming the loss; the fix converts at the loss."""
        arg, value = found.target_arg, found.target
        name = dotted(arg.value) or self.ctx.code_for(arg.value)
        converted = self.ctx.code_for(method_call(arg.value, "float"))
        made = value.last("cast", "create")
        releases = MIXED_FLOAT_BACKWARD_LOSSES[found.qualified][1]
        when = f" on {releases}" if releases else ""
        problem = (
            f"{found.loss}'s backward fails on a float32 prediction and a float64 target "
            f"('Found dtype Double but expected Float'{when})"
        )
        related: dict[str, cst.CSTNode] = {}
        at: cst.CSTNode | None = arg.value
        if made is not None and not contains(arg.value, made.node):
            related = {"made": made.node, "loss": arg.value}
            at = self.once_at(made.node, arg.value)
        elif id(arg.value) in self._reported_at:
            at = None
        if at is None:
            return True  # reported on that line already
        self._reported_at.add(id(at))
        if at is arg.value:
            if made is not None:
                related["made"] = made.node
            where = " (made at line <line:made>)" if made is not None else ""
            message = f"`{name}` is float64{where}: {problem}; pass `{converted}`"
        else:
            message = (
                f"float64 data made here reaches {found.loss} (line <line:loss>) as the "
                f"target `{name}`: {problem}; make it float32 here, or pass `{converted}` "
                "there"
            )
        fix = FixSpec.safe(
            Replace(arg.value, method_call(arg.value, "float")),
            message=f"convert the target with {name}.float()",
        )
        self.report(at, message, fix, related)
        return True

    def _report(self, found: LossObs, call: cst.Call, method: str, wants: str, error: str) -> bool:
        """A target of the wrong dtype: reported at the loss, or, where a constant
        factory of the file made it so (``torch.full((n, 1), 1)`` is int64), at that
        factory, the line to change, once however many losses it reaches. A loss in
        another file that ``call`` led into (a model's forward in model.py): on that
        loss's line when the run lints that file too, else at ``call``."""
        arg, value = found.target_arg, found.target
        made = value.last("cast", "create")
        name = dotted(arg.value) or self.ctx.code_for(arg.value)
        converted = self.ctx.code_for(method_call(arg.value, method))
        fix = FixSpec.safe(
            Replace(arg.value, method_call(arg.value, method)),
            message=f"convert the target with {name}.{method}()",
        )
        at: cst.CSTNode = arg.value
        if (
            made is not None
            and made.action == "create"
            and called_name(made.node) in CONSTANT_FACTORIES
            # (lengths counted from a mask: the mask itself is right as it is)
            and not found.role
        ):
            spot = self.once_at(made.node, arg.value)
            if spot is None:
                return True  # (reported where it was made)
            at = spot
        if at is not arg.value:
            made_as = "floating" if method == "float" else "int64"
            self.report(
                at,
                f"this tensor is made {value.dtype} here and reaches {found.loss} (line "
                f"<line:loss>) as the target `{name}`, but {found.loss} needs {wants}: "
                f"'{error}'; make it {made_as} here ({_made_advice[method]}), or pass "
                f"`{converted}` there",
                fix,
                {"loss": arg.value},
            )
            return True
        related = {"made": made.node} if made is not None else {}
        where = " (made at line <line:made>)" if made is not None else ""
        loss, there = self.ctx.analysis.flow.loss_targets.seen_at.get(id(found)), ""
        if loss is not None and not self.ctx.in_this_file(arg.value):
            # (the fix, on the other file's target, is dropped: that file's own run
            # does not see this call's target)
            spot = self.once_at(loss, call, forward=True)
            if spot is None:
                return True
            if spot is not loss:  # (the fallback here names the loss's line)
                related, there = {**related, "loss": loss}, " (line <line:loss>)"
            at = spot
        self.report(
            at,
            f"`{name}` is {value.dtype}{where}, but {found.loss}{there} needs {wants}: "
            f"'{error}'; pass `{converted}`",
            fix,
            related,
        )
        return True


_made_advice = {
    "float": "a float fill value, or `dtype=torch.float32`",
    "long": "`dtype=torch.long`",
}


def _problem_type_setting(node: cst.CSTNode) -> bool:
    """``problem_type=...``, ``config.problem_type``, ``{"problem_type": ...}``,
    ``num_labels=1``, ``config.num_labels = 1``."""
    if isinstance(node, cst.Attribute):
        return node.attr.value == "problem_type"
    if isinstance(node, cst.SimpleString):
        return node.evaluated_value == "problem_type"
    key: str | None = None
    if isinstance(node, cst.Arg) and node.keyword is not None:
        key, value = node.keyword.value, node.value
    elif isinstance(node, cst.Assign) and isinstance(node.targets[0].target, cst.Attribute):
        key, value = node.targets[0].target.attr.value, node.value
    elif isinstance(node, cst.DictElement) and isinstance(node.key, cst.SimpleString):
        key, value = str(node.key.evaluated_value), node.value
    if key not in PROBLEM_TYPE_SETTINGS:
        return False
    return key == "problem_type" or (isinstance(value, cst.Integer) and value.value == "1")


def _written_dims(expr: cst.BaseExpression) -> int | None:
    """How many dimensions ``expr`` has as the code writes its shape:
    ``x.view(-1, C)`` / ``x.reshape((B, C))`` (one per size), ``x.flatten()`` (one);
    None for anything else."""
    if not isinstance(expr, cst.Call) or not isinstance(expr.func, cst.Attribute):
        return None
    method, args = expr.func.attr.value, expr.args
    if method == "flatten" and not args:
        return 1
    if method not in ("view", "reshape") or not args or any(a.keyword or a.star for a in args):
        return None
    if len(args) == 1 and isinstance(args[0].value, (cst.Tuple, cst.List)):
        elements = args[0].value.elements
        return None if any(isinstance(e, cst.StarredElement) for e in elements) else len(elements)
    if len(args) == 1 and not isinstance(args[0].value, (cst.Integer, cst.UnaryOperation)):
        return None  # (x.view(shape): a size of a name)
    return len(args)


def _fewer_dims(call: cst.Call, target: cst.Arg) -> bool:
    """The loss call's input and target, as written, have different numbers of
    dimensions, the target fewer (torch reads a floating target as class
    probabilities only where its shape is the input's)."""
    inputs = [
        a
        for a in call.args
        if a is not target and (a.keyword is None or a.keyword.value == "input") and not a.star
    ]
    if not inputs:
        return False
    given, wanted = _written_dims(inputs[0].value), _written_dims(target.value)
    return given is not None and wanted is not None and wanted < given
