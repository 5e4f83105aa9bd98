# source: https://github.com/TorchSim/torch-sim/issues/268
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: helper, class
# bug-lines: 59, 61, 74
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


class Interaction(nn.Module):
    def __init__(self, dim, n_rbf):
        super().__init__()
        self.filter = nn.Linear(n_rbf, dim)
        self.update = nn.Sequential(nn.Linear(dim, dim), nn.SiLU(), nn.Linear(dim, dim))

    def forward(self, h, rbf, src, dst):
        msg = h[src] * self.filter(rbf)
        agg = torch.zeros_like(h).index_add_(0, dst, msg)
        return h + self.update(agg)


class FusedInteraction(nn.Module):
    """Drop-in replacement that evaluates filter and message in one fused contraction."""

    def __init__(self, dim, n_rbf):
        super().__init__()
        self.filter = nn.Linear(n_rbf, dim)
        self.update = nn.Sequential(nn.Linear(dim, dim), nn.SiLU(), nn.Linear(dim, dim))

    def forward(self, h, rbf, src, dst):
        w = torch.addmm(self.filter.bias, rbf, self.filter.weight.t())
        agg = torch.zeros_like(h).index_add_(0, dst, torch.mul(h.index_select(0, src), w))
        return h + self.update(agg)


class Potential(nn.Module):
    def __init__(self, n_species=10, dim=64, n_rbf=16, n_layers=3, cutoff=5.0):
        super().__init__()
        self.embed = nn.Embedding(n_species, dim)
        self.interactions = nn.ModuleList([Interaction(dim, n_rbf) for _ in range(n_layers)])
        self.readout = nn.Linear(dim, 1)
        self.register_buffer("mu", torch.linspace(0.0, cutoff, n_rbf))
        self.cutoff = cutoff

    def forward(self, species, pos, src, dst):
        d = (pos[src] - pos[dst]).norm(dim=-1, keepdim=True)
        rbf = torch.exp(-4.0 * (d - self.mu) ** 2)
        h = self.embed(species)
        for block in self.interactions:
            h = block(h, rbf, src, dst)
        return self.readout(h).sum()


def enable_fused_kernels(model):
    for i, block in enumerate(model.interactions):
        fused = FusedInteraction(block.update[0].in_features, block.filter.in_features)
        fused.load_state_dict(block.state_dict())
        model.interactions[i] = fused
    return model


def neighbor_list(pos, cutoff):
    dist = torch.cdist(pos, pos)
    src, dst = torch.nonzero((dist < cutoff) & (dist > 0), as_tuple=True)
    return src, dst


if __name__ == "__main__":
    device = torch.device("cuda")
    model = Potential().to(device).eval()
    model = enable_fused_kernels(model)
    species = torch.from_numpy(np.random.randint(0, 10, size=56)).to(device)
    pos = (torch.rand(56, 3, device=device) * 8.0).requires_grad_(True)
    src, dst = neighbor_list(pos.detach(), model.cutoff)
    energy = model(species, pos, src, dst)
    forces = -torch.autograd.grad(energy, pos)[0]
    print(f"E = {energy.item():.4f} eV, |F|max = {forces.abs().max().item():.4f}")
