import torch
from torch import nn


class LowRankAdapter(nn.Module):
    def __init__(self, wrapped: nn.Linear, r: int = 8) -> None:
        super().__init__()
        self.wrapped = wrapped
        self.a = nn.Linear(wrapped.in_features, r, bias=False)
        self.b = nn.Linear(r, wrapped.out_features, bias=False)

    def forward(self, x):
        return self.wrapped(x) + self.b(self.a(x))


def add_adapters(net, wanted=("query", "value")):
    for qualname, layer in list(net.named_modules()):
        *path, last = qualname.split(".")
        if last not in wanted or not isinstance(layer, nn.Linear):
            continue
        owner = net
        for step in path:
            owner = getattr(owner, step)
        setattr(owner, last, LowRankAdapter(layer))
    return net


def train_adapters(net, batches):
    # The adapters are added first, and the move places them with the rest.
    net.requires_grad_(False)
    add_adapters(net)
    net.cuda()
    trainable = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.SGD(trainable, lr=1e-3)
    for x in batches:
        net(x.cuda()).sum().backward()
        opt.step()


def read_flags(net, names):
    # getattr with a variable name on a placed model, nothing attached: silent.
    net.to("cuda")
    return [getattr(net, name) for name in names]
