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
    # Each layer is reached from the model by its dotted name, one attribute at a time.
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
    net.cuda()
    net.requires_grad_(False)
    add_adapters(net)  # expect: TL202:5 lines=25,30
    trainable = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.SGD(trainable, lr=1e-3)
    for x in batches:
        net(x.cuda()).sum().backward()
        opt.step()
