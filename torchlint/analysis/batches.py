"""A batch of unknown kind whose entries the code moves. ``for batch in loader`` over
a loader handed in, or ``def set_input(self, batch)``: nothing says what the batch
holds, but a function that moves one of its entries to a device and keeps the result
(``x = batch["image"].to(device)``) treats it as a DataLoader's batch of CPU tensors,
so another entry it reads (``batch["mask"]``) is on the CPU, if it is a tensor at all.
Whether that is wrong is for a layer to say: an entry that reaches a weighted layer on
the GPU fails; one that goes to ``pack_padded_sequence``, or a list of texts that goes
to a tokenizer, does not (``BATCH_ENTRY`` values are reported only at a torch layer)."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint.analysis.facts import FileFacts
from torchlint.analysis.names import string_key
from torchlint.analysis.torch_api import dtype_only, is_cpu_literal
from torchlint.analysis.values import BATCH_ENTRY, Event, Kind, Place, Value, new_value
from torchlint.lint.traverse import nodes

# What only a module does: ``models["gen"].eval()``, a dict of models, not of tensors.
_MODULE_METHODS = frozenset(
    {"eval", "train", "parameters", "named_parameters", "state_dict", "load_state_dict"}
    | {"modules", "children", "apply", "zero_grad", "requires_grad_"}
)


# Libraries whose loops put the batches on the device before the code sees them
# (``accelerator.prepare(loader)``, Lightning's ``training_step``), and trainers whose
# ``compute_loss`` gets its ``inputs`` moved: an entry moved again there is moved twice.
_PLACING_LOOPS = frozenset({"accelerate", "lightning", "pytorch_lightning", "deepspeed", "trl"})
_PLACING_TRAINERS = frozenset({"transformers.Trainer", "transformers.Seq2SeqTrainer"})


def entry(read: cst.Subscript) -> Value:
    """``batch["mask"]`` (one of ``entry_reads``): a CPU tensor, if a tensor at all."""
    made = new_value(Kind.TENSOR, Place.CPU, None, Event("create", read))
    return replace(made, origin=BATCH_ENTRY)


def unsure(value: Value) -> bool:
    """An entry of such a batch, or a dict of them only (``{"ids": batch["ids"]}``):
    on the CPU if a tensor, which only a layer's weights show."""
    if value.kind == Kind.ENCODING and value.keys:
        held = [v for v in value.items if v.kind == Kind.TENSOR]
        return bool(held) and all(v.origin == BATCH_ENTRY for v in held)
    return value.origin == BATCH_ENTRY


def unsure_args(args: tuple[tuple[cst.Arg, Value], ...]) -> bool:
    """A call is given such an entry (its observations come after those of others)."""
    return any(unsure(value) for _, value in args)


def _entry_of(node: cst.BaseExpression) -> str | None:
    """``name`` of ``name["key"]``."""
    if (
        isinstance(node, cst.Subscript)
        and isinstance(node.value, cst.Name)
        and string_key(node) is not None
    ):
        return node.value.value
    return None


def _moved_entry(call: cst.Call, analysis: FileFacts) -> str | None:
    """``name`` of ``name["key"].to(device)`` / ``name["key"].cuda()`` (not a cast,
    not a move to the CPU)."""
    func = call.func
    if not isinstance(func, cst.Attribute) or func.attr.value not in ("to", "cuda"):
        return None
    name = _entry_of(func.value)
    if name is None or (func.attr.value == "to" and (not call.args or dtype_only(call))):
        return None
    if call.args and is_cpu_literal(call.args[0].value, analysis):
        return None
    return name


def _not_batches(function: cst.FunctionDef, analysis: FileFacts) -> set[str]:
    """Names whose entries are moved in place (``parts["unet"].to(device)`` as a
    statement), called, or asked what only a module does: dicts of models."""
    found: set[str] = set()
    for stmt in nodes(function.body, cst.Expr):
        if isinstance(stmt.value, cst.Call) and (name := _moved_entry(stmt.value, analysis)):
            found.add(name)
    for call in nodes(function.body, cst.Call):
        func = call.func
        if (name := _entry_of(func)) is not None:
            found.add(name)  # models["gen"](z)
        elif isinstance(func, cst.Attribute) and func.attr.value in _MODULE_METHODS:
            if (name := _entry_of(func.value)) is not None:
                found.add(name)
    return found


def entry_reads(analysis: FileFacts) -> frozenset[int]:
    """The ``batch["key"]`` reads (by node id) of the functions of the file that move
    another entry of the same ``batch`` to a device and keep it. None in a file that
    imports what hands batches over on the device."""
    imported = analysis.imports.names.values()
    if any(q.split(".", 1)[0] in _PLACING_LOOPS or q in _PLACING_TRAINERS for q in imported):
        return frozenset()
    found: set[int] = set()
    for function in analysis.functions:
        calls = nodes(function.body, cst.Call)
        moved = {n for call in calls if (n := _moved_entry(call, analysis))}
        moved -= _not_batches(function, analysis) if moved else set()
        if not moved:
            continue
        for read in nodes(function.body, cst.Subscript):
            if _entry_of(read) in moved:
                found.add(id(read))
    return frozenset(found)
