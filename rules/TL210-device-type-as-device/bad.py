import torch
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP


class ExactRep:
    def __init__(self, val, device=None):
        if device is None:
            device = val.device.type  # expect: TL210:22 lines=10
        self.intrep = torch.zeros(val.shape, dtype=torch.long, device=device)
        self.aux = torch.zeros(val.shape, dtype=torch.long, device=device)

    def add(self, v):
        self.intrep = self.intrep + (v * 2**52).long()
        return self


def si_snr(source, estimate):
    device = estimate.device.type  # expect: TL210:14 lines=20
    lengths = torch.tensor([estimate.shape[0]] * estimate.shape[-2], device=device)
    return (estimate * lengths.view(1, -1, 1)).sum() / source.numel()


def frames(signal, n, size):
    index = torch.arange(0, n).unfold(0, size, 1)
    index = index.clone().detach().to(signal.device.type)  # expect: TL210:39
    return signal[..., index]


def noise_like(x):
    return x + torch.randn_like(x, device=x.device.type)  # expect: TL210:43


def positions(x):
    steps = torch.arange(x.shape[1], device=torch.device(x.device.type))  # expect: TL210:58
    return x + F.one_hot(steps, x.shape[-1])


def padding(x):
    return torch.cat([x, x.new_zeros(x.shape, device=x.device.type)])  # expect: TL210:54


# A DDP worker places the model on `cuda:{rank}` and never calls
# torch.cuda.set_device(rank). `.type_as(x)` casts to x's *type*,
# "torch.cuda.FloatTensor", which has no GPU index: the CPU arange lands on the
# current GPU (cuda:0), not on x's cuda:<rank>, and rank 1 fails in the next op.
class MaskedPooling(torch.nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = torch.nn.Linear(dim, dim)

    def forward(self, x, lengths):
        b, n, _ = x.shape
        mask = torch.arange(n).expand(b, n).type_as(x)  # expect: TL210:45 lines=62
        return self.proj(x * (mask < lengths[:, None])[..., None])


def worker(rank, world_size):
    torch.distributed.init_process_group("nccl", rank=rank, world_size=world_size)
    device = torch.device(f"cuda:{rank}")
    model = DDP(MaskedPooling(16).to(device), device_ids=[rank])
    x = torch.randn(8, 12, 16, device=device)
    model(x, torch.randint(1, 13, (8,), device=device)).sum().backward()


# The same through a helper, with the GPU picked by an option.
def weighted(images, n):
    weights = torch.ones(n)
    return images * weights.type_as(images)[:, None, None, None]  # expect: TL210:29 lines=68,74


def validate(loader, args):
    for images, _ in loader:
        images = images.cuda(args.gpu, non_blocking=True)
        yield weighted(images, images.size(0))
