import torch
from torch.amp import GradScaler


def si_snr(source, estimate):
    # The whole device, index included.
    lengths = torch.tensor([estimate.shape[0]] * estimate.shape[-2], device=estimate.device)
    return (estimate * lengths.view(1, -1, 1)).sum() / source.numel()


def attention(query, key):
    # autocast and GradScaler take a device *type*.
    device_type = query.device.type
    with torch.autocast(device_type=device_type, enabled=False):
        return query.float() @ key.float().transpose(-1, -2)


def scaler_for(model):
    return GradScaler(device=next(model.parameters()).device.type)


def on_gpu(x):
    # A comparison, not a device argument.
    return x.device.type == "cuda"


def generator_for(a, seed):
    # A CUDA generator serves a tensor on any GPU.
    gen = torch.Generator(device=a.device.type)
    gen.manual_seed(seed)
    return torch.randn(a.shape, device=a.device, generator=gen)


def moved_later(x):
    # The name is the type only after the factory ran.
    mask = torch.ones(x.shape, device=x.device)
    device = x.device.type
    return mask, device
