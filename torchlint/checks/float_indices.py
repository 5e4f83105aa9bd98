"""TL110: a floating tensor used as indices (the ids of an embedding, the ``index`` of
``scatter_`` / ``gather`` / ``index_select``, the classes of ``F.one_hot``), read from
the flow analysis."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint import screen
from torchlint.analysis.indices import floating
from torchlint.analysis.names import dotted
from torchlint.analysis.observations import CallObs
from torchlint.analysis.torch_api import EMBEDDINGS, INDEX_TEXT
from torchlint.analysis.values import Event, Value
from torchlint.checks._sites import InputSite
from torchlint.lint.traverse import nodes
from torchlint.rules.rule import Rule
from torchlint.screen.tags import FLOAT32_WORDS, FLOAT64_WORDS, HALF_WORDS

_TORCH_NAMES = {
    "float32": "FloatTensor",
    "float64": "DoubleTensor",
    "float16": "HalfTensor",
    "bfloat16": "BFloat16Tensor",
}
# The words that say a floating dtype where the code makes or casts a tensor: the
# screen's evidence for this rule (FLOAT_CAST, FLOAT64, HALF_CAST) reads the same.
_FLOAT_WORDS = FLOAT32_WORDS | FLOAT64_WORDS | HALF_WORDS
# Index ops that take int32 too (the others want int64).
_INT32_OK = ("index_", "embedding", "Embedding")


class FloatIndices(Rule):
    code = "TL110"
    name = "float-indices"
    summary = (
        "A floating tensor is used as indices: the ids of an `nn.Embedding`, the `index` "
        "of `scatter_` / `gather` / `index_select`, the classes of `F.one_hot`."
    )
    fixable = True
    # A file whose text contains none of these is not parsed for this rule.
    triggers = ("mbedding", "one_hot", *INDEX_TEXT)
    needs = frozenset({screen.INDEX_OP, screen.FLOAT_CAST})
    needs_either = (
        frozenset({screen.INDEX_OP, screen.FLOAT64}),
        frozenset({screen.INDEX_OP, screen.HALF_CAST}),
    )
    docs = """
    ## What it does
    Flags a tensor the flow analysis knows is floating where torch takes integer
    indices: the ids given to an `nn.Embedding` (or `F.embedding`), the `index` of
    `scatter_` / `scatter_add_` / `gather` / `index_select` / `index_add_` /
    `index_copy_` / `index_fill_` / `take_along_dim` (tensor methods or torch
    functions), the classes given to `F.one_hot`. The tensor was made floating by a line
    that says so: a cast (`.float()`, `.to(torch.float32)`, `.astype(np.float32)`,
    `.double()`, `.half()`), or a creation with a floating `dtype=` (`torch.tensor(ids,
    dtype=torch.float)`, `np.asarray(Image.open(mask_path), dtype=np.float32)`) or a
    `torch.FloatTensor(...)`. It is followed through helpers, a `Dataset` and its
    `DataLoader`, batches, moves and the `forward` of the file's modules (a loss module
    that one-hot encodes its target with `scatter_`). The finding lands on the line that
    made the indices floating (the line to change), once, and names the op. Not
    flagged: a module's output (a quantizer returns codes), or a floating dtype the walk
    only infers (`torch.rand(...)`, arithmetic).

    ## Why is this bad?
    Indices must be integers: `RuntimeError: Expected tensor for argument #1 'indices'
    to have one of the following scalar types: Long, Int; but got torch.FloatTensor
    instead (while checking arguments for embedding)`, `scatter(): Expected dtype int64
    for index`, `gather(): Expected dtype int64 for index`, `index_select(): Expected
    dtype int32 or int64 for index`, `one_hot is only applicable to index tensor`.
    Token ids stored in a float array, class masks read as `float32` images, labels
    cast with `.float()` for one loss and reused as indices: the crash comes at the
    first batch, on a CPU as on a GPU.

    ## Example
    ```python
    mask = torch.from_numpy(np.asarray(Image.open(path), dtype=np.float32))
    one_hot = torch.zeros(n_classes, *mask.shape).scatter_(0, mask[None], 1.0)
    ```

    ## Use instead
    ```python
    mask = torch.from_numpy(np.asarray(Image.open(path), dtype=np.int64))
    one_hot = torch.zeros(n_classes, *mask.shape).scatter_(0, mask[None], 1.0)
    ```

    ## Fix safety
    The fix converts the indices at the op with `.long()`. It is **unsafe**: a
    floating tensor that holds other than whole numbers (scores, normalized
    positions) is truncated toward zero, which makes the op run on indices the code
    never meant. Where the values are class ids or token ids, keep them integers where
    they are made instead.

    ## References
    - [`torch.nn.Embedding`](https://pytorch.org/docs/stable/generated/torch.nn.Embedding.html)
    - [`torch.Tensor.scatter_`](https://pytorch.org/docs/stable/generated/torch.Tensor.scatter_.html)
    - [`torch.nn.functional.one_hot`](https://pytorch.org/docs/stable/generated/torch.nn.functional.one_hot.html)
    """

    def visit_Call(self, node: cst.Call) -> None:
        flow = self.ctx.analysis.flow
        for obs in flow.float_indices.all(node):
            # (the op as the code spells it: one_hot.scatter_; maybe in a function or
            # another file this call led into)
            spelled = dotted(obs.node.func) if isinstance(obs.node, cst.Call) else None
            self._check(node, obs, obs.args[0][0], obs.args[0][1], spelled or obs.callee)
        for obs in flow.calls.all(node):
            positional = [(a, v) for a, v in obs.args if a.keyword is None and not a.star]
            if obs.module.origin in EMBEDDINGS and not obs.followed and positional:
                self._check(node, obs, *positional[0], obs.callee)

    def _check(self, node: cst.Call, obs: CallObs, arg: cst.Arg, value: Value, op: str) -> None:
        made = value.dtype_event()
        cast = self.ctx.analysis.flow.float32_data.get(made.node) if made is not None else None
        if made is not None and cast is not None and made.action == "create":
            # (numpy data cast to float32, then made a tensor: that cast made the ids
            # floating, the line to change)
            made = replace(made, source=cast)
            value = replace(
                value, events=tuple(made if e.node is made.node else e for e in value.events)
            )
            made = value.dtype_event()
        if not floating(value) or made is None or not _spelled(made):
            return
        dtype = value.dtype or ""
        last = obs.callee.rsplit(".", 1)[-1]
        if last in ("embedding", "Embedding") or obs.module.origin in EMBEDDINGS:
            error = (
                "Expected tensor for argument #1 'indices' to have one of the following "
                f"scalar types: Long, Int; but got torch.{_TORCH_NAMES[dtype]} instead"
            )
        elif last == "one_hot":
            error = "one_hot is only applicable to index tensor"
        else:
            wanted = "int32 or int64" if last.startswith(_INT32_OK) else "int64"
            error = f"{last.rstrip('_')}(): Expected dtype {wanted} for index"
        site = InputSite(self, arg, value, replace(obs, callee=op), site=node)
        site.report(
            dtype,
            f"takes integer indices only: '{error}'",
            "long",
            "convert the indices with {}.long()",
            made_at="made at ",
            unsafe=True,
            made_there=True,
        )


def _spelled(made: Event) -> bool:
    """The line that made the tensor floating says a floating dtype: a cast
    (``.float()``, ``.to(torch.float32)``, ``.astype(np.float32)``), a ``dtype=`` of
    one, a ``torch.FloatTensor(...)``; or it converts numpy's floating data
    (``torch.from_numpy``)."""
    node = made.node
    if not isinstance(node, cst.Call):
        return False
    func = node.func
    last = func.attr.value if isinstance(func, cst.Attribute) else dotted(func)
    if last in _FLOAT_WORDS and (isinstance(func, cst.Attribute) or last.endswith("Tensor")):
        return True  # x.float(), x.double(), x.half(), torch.FloatTensor(...)
    if last == "from_numpy":
        return True  # numpy's floating data, float64 unless the code says otherwise
    # The dtypes the call is given: dtype= anywhere, or positionally to a cast.
    dtypes = [
        a.value
        for a in node.args
        if (a.keyword is not None and a.keyword.value in ("dtype", "torch_dtype"))
        or (a.keyword is None and last in ("to", "type", "astype"))
    ]
    return any(
        (isinstance(n, cst.Name) and n.value in _FLOAT_WORDS)
        or (isinstance(n, cst.Attribute) and n.attr.value in _FLOAT_WORDS)
        for dtype in dtypes
        for n in (dtype, *nodes(dtype, cst.Attribute))
    )
