# The helper moves the model it is given only when asked to; the caller that keeps
# it on the CPU also keeps its inputs there.
import torch
from torch import nn


def prepare(model, device=None):
    if device is None:
        return model.eval()
    return model.to(device).eval()


if __name__ == "__main__":
    net = prepare(nn.Linear(8, 2))
    print(net(torch.randn(4, 8)))
    gpu_net = prepare(nn.Linear(8, 2), torch.device("cuda"))
    print(gpu_net(torch.randn(4, 8, device="cuda")))
