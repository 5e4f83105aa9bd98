"""What a LightningModule's step hooks start from. Lightning's trainer moves the
module to its accelerator, and each batch to the module's device, before it calls
``training_step`` (``validation_step``, ``test_step``, ``predict_step``). In the run
on a GPU, the one the flow analysis follows, the hook's ``self``, its submodules and
its batch are on the device, though no line of the file moves them: a tensor the hook
makes without a device meets them there, and converting the batch or an output to
numpy fails there."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import libcst as cst

from torchlint.analysis.facts import ClassFacts, FileFacts
from torchlint.analysis.torch_api import LIGHTNING_CALLBACKS, LIGHTNING_MODULES, LIGHTNING_STEPS
from torchlint.analysis.values import Event, Kind, Place, Value, new_value
from torchlint.lint.traverse import nodes

# The detail of the events: messages may say who placed the value.
PLACED_BY = "the device Lightning runs the step on"


def is_lightning(cls: ClassFacts, facts: FileFacts) -> bool:
    """``cls`` subclasses a LightningModule (directly, or through classes of the
    file). (LightningModule is a module base: torch_api.MODULE_BASES.)"""
    return cls.is_module and _subclasses(cls, facts, LIGHTNING_MODULES)


def is_callback(cls: ClassFacts, facts: FileFacts) -> bool:
    """``cls`` subclasses Lightning's ``Callback`` (directly, or through the file's)."""
    return _subclasses(cls, facts, LIGHTNING_CALLBACKS)


def _subclasses(cls: ClassFacts, facts: FileFacts, bases: frozenset[str]) -> bool:
    seen: set[str] = set()
    todo = [cls]
    while todo:
        current = todo.pop()
        if current.name in seen:
            continue
        seen.add(current.name)
        for base in current.bases:
            if base in bases:
                return True
            local = facts.class_named(base)
            if local is not None:
                todo.append(local)
    return False


def batch_hook(name: str) -> int | None:
    """How many positional parameters a Callback's batch hook named ``name`` takes up
    to its batch: 5 for ``on_*_batch_end(self, trainer, pl_module, outputs, batch)``,
    4 for ``on_*_batch_start(self, trainer, pl_module, batch)``; None for another."""
    if not name.startswith("on_"):
        return None
    return 5 if name.endswith("_batch_end") else 4 if name.endswith("_batch_start") else None


def step_env(
    method: cst.FunctionDef, attrs: dict[str, Value], datamodule: Value | None = None
) -> dict[str, Value]:
    """The state a step hook of a LightningModule starts from: ``self`` and the
    modules among its attributes placed on the trainer's device, the batch (the first
    parameter after ``self``) moved there, and ``self.trainer.datamodule`` (as the
    script made it: ``datamodule`` below). Empty for a method that is no step hook."""
    params = method.params.params
    if method.name.value not in LIGHTNING_STEPS or len(params) < 2:
        return {}
    placed = Event("move", method.name, PLACED_BY)
    env: dict[str, Value] = {
        "self": new_value(Kind.MODULE, Place.VAR, None, placed),
    }
    for name, value in attrs.items():
        if value.kind in (Kind.MODULE, Kind.WRAPPER) and name.count(".") == 1:
            env[name] = replace(value, device=Place.VAR, events=(*value.events, placed))
    batch = params[1].name
    env[batch.value] = new_value(
        Kind.MOVED, Place.VAR, None, Event("move", batch, PLACED_BY, batch.value)
    )
    if datamodule is not None:
        env["self.trainer.datamodule"] = datamodule
    return env


def datamodule(
    analysis: FileFacts, env: dict[str, Value], known: Mapping[int, object]
) -> Value | None:
    """The LightningDataModule the script hands the trainer (``trainer.fit(model,
    datamodule=dm)``), an instance of a class of the file the module body made: what a
    step hook reads as ``self.trainer.datamodule``. Lightning moves the batches its
    loaders yield, never the datamodule's own attributes (a matrix ``setup`` made stays
    where it was made). None where no single one is known."""
    if analysis.module is None or not any(
        is_lightning(c, analysis) for c in analysis.classes.values()
    ):
        return None  # (no LightningModule of the file: no step reads it; and no scan)
    found: set[int] = set()
    value: Value | None = None
    for call in nodes(analysis.module, cst.Call):
        if not (isinstance(call.func, cst.Attribute) and call.func.attr.value == "fit"):
            continue
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == "datamodule":
                name = arg.value.value if isinstance(arg.value, cst.Name) else None
                held = env.get(name) if name is not None else None
                if held is None or held.kind != Kind.OBJECT or held.ident not in known:
                    return None
                found.add(held.ident)
                value = held
    return value if len(found) == 1 else None


def hook_env(method: cst.FunctionDef) -> dict[str, Value]:
    """The state a Callback's batch hook starts from (``on_validation_batch_end(self,
    trainer, pl_module, outputs, batch, batch_idx)``, ``on_train_batch_start(self,
    trainer, pl_module, batch, batch_idx)``): the module placed on the trainer's
    device, and the batch and the step's outputs there. The callback's own
    attributes (a metric it made) stay where its ``__init__`` left them."""
    params = [p.name for p in method.params.params]
    given = batch_hook(method.name.value)
    if given is None or len(params) < given:
        return {}
    placed = Event("move", method.name, PLACED_BY)
    env = {params[2].value: new_value(Kind.MODULE, Place.VAR, None, placed)}
    for param in params[3:given]:  # (outputs and) batch
        env[param.value] = new_value(
            Kind.MOVED, Place.VAR, None, Event("move", param, PLACED_BY, param.value)
        )
    return env
