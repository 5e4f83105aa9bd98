import torch
import torch.nn as nn


class MaskedPooling(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, lengths):
        b, n, _ = x.shape
        # Modeling code: `type_as` is everywhere in libraries, and nothing here says
        # which GPU the model runs on.
        mask = torch.arange(n).expand(b, n).type_as(x)
        return self.proj(x * (mask < lengths[:, None])[..., None])


class OnInputDevice(MaskedPooling):
    def forward(self, x, lengths):
        b, n, _ = x.shape
        # Made on x's device already: `.type_as` keeps a tensor on its GPU.
        mask = torch.arange(n, device=x.device).expand(b, n).type_as(x)
        return self.proj(x * (mask < lengths[:, None])[..., None])


def single_gpu(loader):
    # "cuda" is the current GPU: the type's missing index picks the same one.
    model = MaskedPooling(16).cuda()
    for x, lengths in loader:
        x, lengths = x.cuda(), lengths.cuda()
        model(x, lengths).sum().backward()


def on_cpu_target(n, rank):
    # The tensor whose type is taken is on the CPU: the result stays there.
    counts = torch.zeros(n, dtype=torch.long)
    weights = torch.ones(n).type_as(counts.float())
    return weights.to(f"cuda:{rank}")


def replicas(loader, args):
    # DataParallel runs each replica's forward with its GPU set as the current one.
    model = nn.DataParallel(MaskedPooling(16).cuda(args.gpu))
    for x, lengths in loader:
        model(x.cuda(args.gpu), lengths.cuda(args.gpu)).sum().backward()
