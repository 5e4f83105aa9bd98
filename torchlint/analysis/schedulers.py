"""diffusers' noise schedulers (``DDPMScheduler``, ``pipe.scheduler``): objects, not
modules, whose methods give back the sample they are given, where and as it is. The
denoising loop ``latents = scheduler.step(eps, t, latents).prev_sample`` keeps the
latents' place and dtype, so what the loop hands on (to a VAE's decode) is known."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis.values import (
    MAYBE_DTYPE,
    NOISE_SCHEDULER,
    OUTPUT,
    UNKNOWN,
    Kind,
    Place,
    Value,
    new_ident,
)

if TYPE_CHECKING:
    from torchlint.analysis.scope import Scope

Args = list[tuple[cst.Arg, Value]]


# The schedulers whose ``init_noise_sigma`` is read off their tensor of sigmas, on the
# device ``set_timesteps(n, device=d)`` was given: a 0-dim tensor there (the CPU
# before), which a tensor on another device cannot meet. (DDPM, DDIM, DPMSolver's
# multistep, DEIS, UniPC and the EDM ones keep a number.)
_SIGMAS = ("Euler", "LMSDiscrete", "Heun", "KDPM2", "DPMSolverSDE")
SIGMAS = NOISE_SCHEDULER + ":sigmas"
NUMBERS = NOISE_SCHEDULER + ":numbers"


def makes(q: str) -> bool:
    """``diffusers.DDPMScheduler(...)``, ``diffusers.schedulers.EulerDiscreteScheduler``."""
    return q.startswith("diffusers.") and q.endswith("Scheduler")


def scheduler(q: str = "") -> Value:
    """A scheduler of the class ``q`` (its qualified name; "" where not known)."""
    last = q.rsplit(".", 1)[-1]
    kind = (SIGMAS if last.startswith(_SIGMAS) else NUMBERS) if makes(q) else NOISE_SCHEDULER
    return Value(Kind.OBJECT, Place.CPU, origin=kind)


def made(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    return scheduler(q)


def is_scheduler(value: Value) -> bool:
    return value.kind == Kind.OBJECT and value.origin.startswith(NOISE_SCHEDULER)


def method(scope: Scope, path: str | None, receiver: Value, name: str, args: Args) -> Value | None:
    """What a scheduler's method gives: ``step(model_output, t, sample)`` the next
    sample (its ``prev_sample``), where the sample is and in the dtype the two share
    (a "maybe" where they differ: schedulers upcast or not); ``scale_model_input(x,
    t)`` its sample; ``add_noise(x, noise, t)`` the noised sample. None for a value
    that is no scheduler; unknown for its other methods (``set_timesteps``)."""
    if not is_scheduler(receiver):
        return None
    given_device = next(
        (a.value for a, _ in args if a.keyword and a.keyword.value == "device"), None
    )
    if name == "set_timesteps" and path is not None and given_device is not None:
        device, expr = scope.device_of(given_device)  # (its sigmas and timesteps go there)
        scope.set(path, replace(receiver, device=device, device_expr=expr))
    positional = [v for a, v in args if a.keyword is None and not a.star]
    named = {a.keyword.value: v for a, v in args if a.keyword is not None}
    order = {
        "step": ("model_output", "timestep", "sample"),
        "add_noise": ("original_samples", "noise"),
        "scale_model_input": ("sample",),
    }
    if name not in order:
        return UNKNOWN
    given = [
        named.get(key, positional[i] if i < len(positional) else UNKNOWN)
        for i, key in enumerate(order[name])
    ]
    sample = given[-1] if name == "step" else given[0]
    if sample.kind != Kind.TENSOR:
        return UNKNOWN
    shared = (v for k, v in zip(order[name], given, strict=True) if k != "timestep")
    dtypes = {v.dtype for v in shared if v.kind == Kind.TENSOR}
    return Value(
        Kind.TENSOR,
        sample.device,
        sample.dtype if len(dtypes) == 1 else MAYBE_DTYPE,
        sample.device_expr,
        sample.events,
        new_ident(),
        origin=OUTPUT if name == "step" else sample.origin,
    )


def attribute(owner: Value, node: cst.Attribute) -> Value | None:
    """``scheduler.init_noise_sigma``: a number, or a 0-dim float32 tensor where the
    scheduler keeps its sigmas (``_SIGMAS``); for a scheduler of a class not known
    (``pipe.scheduler``), one of the two, which scale a tensor alike (neither moves
    it nor, having no dimensions, changes its dtype): a number. None for any other
    attribute."""
    if node.attr.value != "init_noise_sigma" or owner.kind != Kind.OBJECT:
        return None
    if owner.origin == SIGMAS:
        return Value(Kind.TENSOR, owner.device, "float32", owner.device_expr, (), new_ident())
    if owner.origin in (NUMBERS, NOISE_SCHEDULER):
        return Value(Kind.NUMBER, dtype="float32")
    return None
