"""Which modules hold weights of their own, as the code shows them: a module class
of the file (its parametrized ``torch.nn`` layers, parameters and buffers, loaded or
built models, parts of such classes, what its ``__init__`` or a helper of the file
builds), a loss given ``weight=``, a call that builds one. The torch facts it reads
are ``torch_api``'s; TL211, TL202's attachments and the converters ask here."""

from __future__ import annotations

import libcst as cst

from torchlint.analysis.facts import ClassFacts, FileFacts
from torchlint.analysis.names import dotted
from torchlint.analysis.torch_api import MODEL_LOADERS, PARAMETER_CLASSES, PARAMETRIZED_MODULES
from torchlint.analysis.values import Value, parameter_free
from torchlint.lint.traverse import nodes


def holds_no_weights(module: Value, facts: FileFacts) -> bool:
    """A module with no weights of its own to place: an ``nn`` layer without
    parameters (pooling, activations, losses), or an instance of a class of this file
    that makes none (a wrapper of the modules it is given, already where they are)."""
    if parameter_free(module):
        return True
    name = module.origin[len("local:") :] if module.origin.startswith("local:") else ""
    cls = facts.class_named(name) if name and "." not in name else None
    return cls is not None and not class_has_weights(cls, facts)


def class_has_weights(
    cls: ClassFacts, facts: FileFacts, seen: frozenset[str] = frozenset()
) -> bool:
    """Whether the code shows a module class of the file holding weights of its own
    or through its parts: ``self.x = nn.Linear(...)`` (a parametrized ``torch.nn``
    layer, also inside ``nn.Sequential``/``ModuleList``), ``nn.Parameter``,
    ``register_buffer``/``register_parameter``, a loaded model, or a part that is
    such a class of the file; also by inheriting from one. A loss or a wrapper of
    plain functions (``self.sigma = sigma``) has none."""
    if cls.name in seen:
        return False
    seen = seen | {cls.name}
    for base in cls.bases:
        if base.startswith("torch.nn.") and base.rsplit(".", 1)[-1].startswith(
            PARAMETRIZED_MODULES
        ):
            return True  # class SyncBN(nn.BatchNorm2d): the layer's own weights
        local = facts.class_named(base)
        if local is not None and class_has_weights(local, facts, seen):
            return True
    # (set anywhere, or built in __init__ and kept through a local: ``vgg = vgg16()``
    # then ``self.trunk = vgg.features``; a helper of the file: ``self.head = mlp(3)``)
    init = cls.method("__init__")
    built = [c for v in cls.self_attrs.values() for e in v for c in nodes(e, cst.Call)]
    calls = [*built, *nodes(init or cls.node, cst.Call)]
    if any(_weighted_call(c, facts, seen, helpers=True) for c in calls):
        return True
    for call in nodes(cls.node, cst.Call):
        func = call.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value in ("register_buffer", "register_parameter")
            and dotted(func.value) == "self"
        ):
            return True
    return False


def loss_with_weights(call: cst.Call, q: str) -> bool:
    """``nn.CrossEntropyLoss(weight=w)``, ``nn.BCEWithLogitsLoss(pos_weight=p)``: a
    loss that registers the tensor it is given as a buffer (moved with ``.to()``)."""
    return (
        q.startswith("torch.nn.")
        and q.endswith("Loss")
        and any(
            a.keyword is not None
            and a.keyword.value in ("weight", "pos_weight")
            and not (isinstance(a.value, cst.Name) and a.value.value == "None")
            for a in call.args
        )
    )


def builds_weights(call: cst.Call, facts: FileFacts) -> bool:
    """``call`` builds a module with weights (or a parameter): a parametrized
    ``torch.nn`` layer, a loaded model, a module class of the file holding some."""
    return _weighted_call(call, facts, frozenset())


def _weighted_call(
    call: cst.Call, facts: FileFacts, seen: frozenset[str], helpers: bool = False
) -> bool:
    """``call`` builds weights; with ``helpers``, also a function of the file whose
    body builds some (what a class's ``__init__`` keeps: ``self.head = mlp(3)``)."""
    q = facts.qualify(call.func) or ""
    last = q.rsplit(".", 1)[-1]
    if q in PARAMETER_CLASSES:
        return True
    if q.startswith("torch.nn."):
        return last.startswith(PARAMETRIZED_MODULES) or loss_with_weights(call, q)
    if last in MODEL_LOADERS or q == "timm.create_model" or q.startswith("torchvision.models."):
        return True
    name = dotted(call.func) or ""
    local = facts.class_named(name)
    if local is None and helpers:  # a function of the file that builds them: ``mlp(3)``
        fn = next((f for f in facts.functions if f.name.value == name), None)
        return (
            fn is not None
            and name not in seen
            and any(_weighted_call(c, facts, seen | {name}, True) for c in nodes(fn.body, cst.Call))
        )
    return local is not None and local.is_module and class_has_weights(local, facts, seen)
