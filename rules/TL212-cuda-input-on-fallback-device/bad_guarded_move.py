import numpy as np
import torch
import torch.nn as nn


def to_var(x):
    """Put a tensor or a model on the GPU when there is one."""
    if torch.cuda.is_available():
        x = x.cuda()
    return x


class MixtureScorer(nn.Module):
    def __init__(self, dim=8, k=4):
        super().__init__()
        self.encode = nn.Linear(dim, 2)
        self.gamma = nn.Sequential(nn.Linear(2, k), nn.Softmax(dim=1))

    def forward(self, x):
        z = self.encode(x)
        return z, self.gamma(z)

    # A method the caller runs on the model: the run without a GPU runs it on the CPU.
    def energy(self, z, cov):
        dets = [torch.linalg.det(cov[i].cpu()) for i in range(cov.size(0))]
        det = torch.stack(dets).cuda()  # expect: TL212:15 lines=37,9
        return (z.unsqueeze(1) ** 2).sum(-1) / det


def score(model, batches):
    model = to_var(model)
    out = []
    for xb in batches:
        xb = to_var(xb)
        z, gamma = model(xb)
        cov = to_var(torch.eye(2).expand(4, 2, 2) + torch.eye(2) * 1e-6)
        out.append(model.energy(z, cov).cpu())
    return out


def score_hard(model, x):
    # The model moves only when a GPU is there; the input goes there by name.
    if torch.cuda.is_available():
        model.cuda()
    return model(x.cuda())  # expect: TL212:18 lines=45,44


if __name__ == "__main__":
    data = [torch.from_numpy(np.random.rand(16, 8).astype(np.float32)) for _ in range(3)]
    score(MixtureScorer(), data)
    score_hard(MixtureScorer(), data[0])
