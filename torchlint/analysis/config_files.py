"""Settings read from a configuration file: ``yaml.safe_load(fh)``,
``OmegaConf.load(path)``. What such a file holds is the user's to write, as what
``parser.parse_args()`` holds is the user's to pass: a device read from it
(``cfg["device"]``, ``cfg.get("device", "cuda")``, ``cfg.device`` of OmegaConf) is a
device the code lets its user choose, ``"cpu"`` or ``"cuda:1"`` as well as
``"cuda"`` (``gpus.classify``). The loaded dict is held as the user's options
(``Kind.OPTIONS``, no keys known); its other entries are unknown."""

from __future__ import annotations

import libcst as cst

from torchlint.analysis.values import Kind, Place, Value

# The functions that read a configuration file into a dict (or a DictConfig).
CONFIG_LOADERS = frozenset(
    {
        "yaml.safe_load",
        "yaml.load",
        "yaml.full_load",
        "yaml.unsafe_load",
        "omegaconf.OmegaConf.load",
    }
)
LOADED = "config-file"


def loaded() -> Value:
    """What ``yaml.safe_load(fh)`` gives: the user's settings, by key."""
    return Value(Kind.OPTIONS, origin=LOADED)


def device_key(key: str | None) -> bool:
    """A key that names a device: ``"device"``, ``"train_device"``, ``"gpu"``."""
    if key is None:
        return False
    key = key.lower()
    return key.endswith("device") or key in ("gpu", "gpu_id", "cuda_device")


def device_entry(owner: Value | None, key: str | None, node: cst.BaseExpression) -> Value | None:
    """``cfg["device"]`` (or ``cfg.get("device", default)``) at ``node`` of settings
    read from a file: a device the user chooses (the walk records it as a chosen
    GPU); None for anything else."""
    if owner is None or owner.kind != Kind.OPTIONS or owner.origin != LOADED:
        return None
    return Value(Kind.DEVICE, Place.VAR, None, node) if device_key(key) else None
