import torch
import torch.nn.functional as F
from torch import nn


class InfoNCE(nn.Module):
    """Contrastive loss whose positives sit on the diagonal."""

    def __init__(self, temperature=0.07):
        super().__init__()
        self.temperature = temperature
        self.index_type = torch.LongTensor  # the class, called for each batch

    def targets(self, n):
        return self.index_type(range(n))

    def forward(self, queries, keys):
        logits = queries @ keys.T / self.temperature
        return F.cross_entropy(logits, self.targets(len(queries)))  # expect: TL204:16 lines=15,30


def step(encoder, loss_fn, views, device):
    q = encoder(views[0].to(device))
    k = encoder(views[1].to(device))
    return loss_fn(q, k)


if __name__ == "__main__":
    device = torch.device("cuda")
    encoder = nn.Linear(32, 16).to(device)
    print(step(encoder, InfoNCE(), (torch.randn(8, 32), torch.randn(8, 32)), device))
