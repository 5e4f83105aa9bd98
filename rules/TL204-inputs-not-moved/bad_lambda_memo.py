import torch
from torch import nn


def memoized(store, key, build):
    # A shape-keyed memo: `build` is a lambda of the caller, run here the first time.
    if key not in store:
        store[key] = build()
    return store[key]


class RelativeBias(nn.Module):
    def __init__(self, heads):
        super().__init__()
        self.heads = heads
        self.slopes = nn.Parameter(torch.ones(heads))
        self._memo = {}

    def distances(self, n, device=None):
        # The helper can place its table, but the lambda below leaves `device` at
        # None: the table is made on the CPU.
        pos = torch.arange(n, device=device)
        return (pos[None, :] - pos[:, None]).abs().float()

    def forward(self, scores):
        n = scores.shape[-1]
        dist = memoized(self._memo, n, lambda: self.distances(n))  # expect: TL204:48 lines=22,32,28
        return scores - self.slopes[:, None, None] * dist


def attend(q, k):
    bias = RelativeBias(8).to("cuda")
    scores = q.cuda() @ k.cuda().transpose(-1, -2)
    return bias(scores).softmax(-1)
