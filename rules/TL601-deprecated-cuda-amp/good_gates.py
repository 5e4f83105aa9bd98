# Code that supports older torch keeps the deprecated API in the branch only old
# releases take: neither branch of a version gate, probe or fallback is flagged.
import torch
from packaging import version

try:  # torch >= 2.3
    from torch.amp import GradScaler
except ImportError:  # older torch: the only GradScaler there is
    from torch.cuda.amp import GradScaler

TORCH_GE_2_4 = version.parse(torch.__version__) >= version.parse("2.4")


def make_scaler(enabled):
    # speechbrain's core.py
    if version.parse(torch.__version__) < version.parse("2.4.0"):
        return torch.cuda.amp.GradScaler(enabled=enabled)
    return torch.GradScaler("cuda", enabled=enabled)


def make_scaler_flag():
    return torch.amp.GradScaler("cuda") if TORCH_GE_2_4 else torch.cuda.amp.GradScaler()


def autocast_probe(dtype):
    if hasattr(torch, "autocast"):
        return torch.autocast("cuda", dtype=dtype)
    return torch.cuda.amp.autocast(dtype=dtype)


def autocast_fallback(dtype):
    try:
        return torch.amp.autocast("cuda", dtype=dtype)
    except AttributeError:
        return torch.cuda.amp.autocast(dtype=dtype)


def scaler_from_fallback_import():
    return GradScaler()  # torch.amp's on new torch, torch.cuda.amp's on old
