import torch
import torch.nn.functional as F


class ExactRep:
    def __init__(self, val, device=None):
        if device is None:
            device = val.device.type  # expect: TL210:22 lines=9
        self.intrep = torch.zeros(val.shape, dtype=torch.long, device=device)
        self.aux = torch.zeros(val.shape, dtype=torch.long, device=device)

    def add(self, v):
        self.intrep = self.intrep + (v * 2**52).long()
        return self


def si_snr(source, estimate):
    device = estimate.device.type  # expect: TL210:14 lines=19
    lengths = torch.tensor([estimate.shape[0]] * estimate.shape[-2], device=device)
    return (estimate * lengths.view(1, -1, 1)).sum() / source.numel()


def frames(signal, n, size):
    index = torch.arange(0, n).unfold(0, size, 1)
    index = index.clone().detach().to(signal.device)  # expect: TL210:39
    return signal[..., index]


def noise_like(x):
    return x + torch.randn_like(x, device=x.device)  # expect: TL210:43


def positions(x):
    steps = torch.arange(x.shape[1], device=torch.device(x.device))  # expect: TL210:58
    return x + F.one_hot(steps, x.shape[-1])


def padding(x):
    return torch.cat([x, x.new_zeros(x.shape, device=x.device)])  # expect: TL210:54
