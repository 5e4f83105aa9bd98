# source: https://github.com/baal-org/baal/issues/79
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, helper, loader-loop
# bug-lines: 24
# needs: torch
# cpu: no written where torch was not installed; not run
"""BALD acquisition over the unlabelled pool using MC dropout."""
import torch
from torch.utils.data import DataLoader

from model import enable_mc_dropout


def entropy(probs, dim=-1):
    return -(probs * torch.log(probs.clamp_min(1e-12))).sum(dim=dim)


@torch.no_grad()
def mc_probabilities(model, pool_loader, iterations=20):
    enable_mc_dropout(model)
    all_probs = []
    for data, _ in pool_loader:
        samples = [torch.softmax(model(data), dim=-1) for _ in range(iterations)]
        all_probs.append(torch.stack(samples, dim=0).cpu())
    return torch.cat(all_probs, dim=1)  # [iterations, N, classes]


def bald_query(model, pool_set, n_query=100, iterations=20, batch_size=128):
    pool_loader = DataLoader(pool_set, batch_size=batch_size, shuffle=False)
    probs = mc_probabilities(model, pool_loader, iterations)
    predictive = entropy(probs.mean(dim=0))
    expected = entropy(probs).mean(dim=0)
    scores = predictive - expected
    return scores.topk(n_query).indices.tolist()
