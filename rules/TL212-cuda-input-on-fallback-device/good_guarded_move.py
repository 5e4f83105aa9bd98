import torch
import torch.nn as nn


def to_var(x):
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

    # Its own tensors follow the input: every run meets them where z is.
    def energy(self, z, cov):
        dets = [torch.linalg.det(cov[i].cpu()) for i in range(cov.size(0))]
        det = torch.stack(dets).to(z.device)
        return (z.unsqueeze(1) ** 2).sum(-1) / det

    # A GPU-only path that the caller takes only with a GPU.
    def pinned(self, z):
        if z.is_cuda:
            return z.cuda()
        return z


def score(model, batches):
    model = to_var(model)
    out = []
    for xb in batches:
        z, gamma = model(to_var(xb))
        cov = torch.eye(2).expand(4, 2, 2)
        out.append(model.energy(model.pinned(z), cov).cpu())
    return out


def score_guarded(model, x):
    use_cuda = torch.cuda.is_available()
    if use_cuda:
        model.cuda()
        x = x.cuda()
    return model(x)


if __name__ == "__main__":
    data = [torch.rand(16, 8) for _ in range(3)]
    score(MixtureScorer(), data)
    score_guarded(MixtureScorer(), data[0])
