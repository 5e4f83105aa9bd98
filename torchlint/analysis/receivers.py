"""Is the receiver of a method call certainly a tensor?

Many libraries have their own ``.to()``, ``.type()``, ``.numpy()``: box and keypoint
containers, ``BatchEncoding``, dataframes, custom batch classes, and ``nn.Module``
itself (whose ``.type(t)`` casts every parameter and buffer, integer ones too, while
``.to(dtype)`` casts only the floating ones). A rewrite is the same for *every*
receiver only when the receiver can only be a tensor; ``known_tensor`` says when the
code shows that, from the expression alone or a local it was assigned once from.
Where it cannot tell, a rule either stays silent or offers its fix as unsafe and
says in the message what it assumes.
"""

from __future__ import annotations

import libcst as cst

from torchlint.analysis.facts import FileFacts, FunctionFacts

# torch functions that return a tensor (factories, conversions, joins, math).
_TORCH_TENSOR_FUNCTIONS = frozenset(
    {
        *"tensor as_tensor from_numpy zeros ones empty full rand randn randint randperm arange"
        " linspace logspace eye zeros_like ones_like empty_like full_like rand_like"
        " randn_like randint_like cat stack where masked_select gather index_select"
        " matmul mm bmm sigmoid tanh softmax log_softmax exp log abs sqrt clamp max min"
        " sum mean argmax argmin sort topk flatten reshape cumsum einsum bernoulli"
        " multinomial cosine_similarity".split(),
    }
)
# Methods only tensors have (not modules, arrays, dataframes or encodings), and that
# return a tensor.
_TENSOR_ONLY_METHODS = frozenset(
    {
        *"detach unsqueeze squeeze view view_as permute contiguous long int bool short"
        " byte char masked_fill expand expand_as new_zeros new_ones new_full new_empty"
        " new_tensor narrow repeat_interleave index_select masked_select"
        " softmax log_softmax sigmoid argmax argmin topk".split(),
    }
)
_COMPARISONS = (cst.LessThan, cst.GreaterThan, cst.LessThanEqual, cst.GreaterThanEqual)


# torch functions that return something else than a tensor.
_NOT_TENSOR = frozenset(
    {
        *"load save device dtype compile no_grad enable_grad inference_mode autocast"
        " manual_seed seed initial_seed is_tensor is_floating_point is_complex numel"
        " is_grad_enabled is_inference_mode_enabled typename from_file finfo iinfo"
        " Size Generator Tensor get_default_dtype get_default_device".split(),
    }
)
_TENSOR_NAMESPACES = ("torch.nn.functional.", "torch.linalg.", "torch.fft.", "torch.special.")


def known_tensor(
    node: cst.BaseExpression,
    analysis: FileFacts,
    function: FunctionFacts | None,
) -> bool:
    """True when ``node`` can only evaluate to a ``torch.Tensor``."""
    return _tensor(node, analysis, function, frozenset()) is True


def _tensor(
    node: cst.BaseExpression,
    analysis: FileFacts,
    function: FunctionFacts | None,
    seen: frozenset[str],
) -> bool | None:
    """True (a tensor), False (unknown), None (a name being resolved: neutral)."""
    if len(seen) > 4:
        return False
    if isinstance(node, cst.Call):
        q = analysis.qualify(node.func) or ""
        last = q.rsplit(".", 1)[-1]
        if q.startswith(_TENSOR_NAMESPACES):
            return True
        if q.count(".") == 1 and q.startswith("torch.") and last[:1].islower():
            return not last.startswith(("set_", "get_", "is_", "use_")) and last not in _NOT_TENSOR
        if isinstance(node.func, cst.Attribute):
            method = node.func.attr.value
            if method in _TENSOR_ONLY_METHODS:
                return True
            if method in ("to", "cuda", "cpu", "float", "half", "double", "bfloat16", "type"):
                # a cast keeps the receiver's kind
                return _tensor(node.func.value, analysis, function, seen)
        return False
    if isinstance(node, cst.Comparison):
        if all(isinstance(t.operator, _COMPARISONS) for t in node.comparisons):
            operands = [node.left, *(t.comparator for t in node.comparisons)]
            return _any([_tensor(o, analysis, function, seen) for o in operands])
        return False
    if isinstance(node, cst.BinaryOperation):
        return _any([_tensor(o, analysis, function, seen) for o in (node.left, node.right)])
    if isinstance(node, cst.Subscript):
        return _tensor(node.value, analysis, function, seen)
    if isinstance(node, cst.Name):
        name = node.value
        if name in seen:
            return None  # x = x.float(): what x was before decides
        if function is not None:
            if name in function.params:
                return _annotated_tensor(function, name, analysis)
            values = function.assignments.get(name, [])
        else:
            values = analysis.module_assignments.get(name, [])
        results = [_tensor(v, analysis, function, seen | {name}) for v in values]
        known = [r for r in results if r is not None]
        return bool(known) and all(known)
    return False


def _any(results: list[bool | None]) -> bool | None:
    """An operation with a tensor operand is a tensor; with the name being resolved
    (``mask = (mask < p).float()``), what that name is decides."""
    if any(r is True for r in results):
        return True
    return None if any(r is None for r in results) else False


def _annotated_tensor(function: FunctionFacts, name: str, analysis: FileFacts) -> bool:
    """A parameter annotated ``torch.Tensor`` (through any alias, or as the string
    ``"torch.Tensor"``) that the function never rebinds."""
    if name in function.assignments:
        return False
    p = function.node.params
    for param in (*p.posonly_params, *p.params, *p.kwonly_params):
        if param.name.value != name or param.annotation is None:
            continue
        annotation = param.annotation.annotation
        if isinstance(annotation, cst.SimpleString):
            return annotation.evaluated_value in ("torch.Tensor", "Tensor")
        return analysis.qualify(annotation) == "torch.Tensor"
    return False
