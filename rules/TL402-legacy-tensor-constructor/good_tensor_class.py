# type(...) that makes no CPU tensor next to a device one: nothing to say.
import torch
from torch import nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def vgg_preprocess(batch):
    # x.new(...) and x.new_empty(...) make the tensor where x is.
    mean = batch.new(batch.size())
    std = batch.new_empty(batch.size()).fill_(0.5)
    return batch.sub(mean).div(std)


def describe(x, other):
    # The class compared, named or checked against: never called.
    if type(x) is not type(other) or not isinstance(other, type(x)):
        raise TypeError(f"expected {type(x).__name__}, got {type(other)}")
    return "{} on {}".format(type(x), x.device)


def to_device(batch):
    # type() of a list or tuple rebuilds the container.
    if isinstance(batch, (list, tuple)):
        return type(batch)(t.to(device) for t in batch)
    return batch.to(device)


def same_class(x, data):
    # Given a tensor, the constructor returns that tensor, where it is.
    return x + type(x)(data)


def replace_weight(param, value):
    # The class of a parameter is nn.Parameter, which keeps the data it is given.
    return type(param)(value.to(param.device), requires_grad=param.requires_grad)


def on_cpu(x):
    # Both on the CPU.
    cpu = x.cpu()
    return cpu - type(cpu)(cpu.size()).zero_()


if __name__ == "__main__":
    x = torch.rand(2, 3, 4, 4, device=device)
    print(vgg_preprocess(x), describe(x, x), to_device([x, x]), on_cpu(x))
    print(same_class(x, torch.rand(2, 3, 4, 4, device=device)))
    layer = nn.Linear(4, 4).to(device)
    for p in layer.parameters():
        print(replace_weight(p, torch.zeros(p.shape)))


def balanced_loss(counts, device):
    # torch.tensor takes the device; torch.Tensor on the CPU, then moved, works too
    weights = [sum(counts) / (len(counts) * max(c, 1)) for c in counts]
    on_host = torch.Tensor(weights, device="cpu").to(device)
    return nn.CrossEntropyLoss(weight=torch.tensor(weights, device=device)), on_host
