# source: https://github.com/NVIDIAGameWorks/kaolin/pull/305
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: class, helper
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
"""Behler-Parrinello style potential: one small network per chemical element."""
import torch
from torch import nn

ELEMENTS = ["H", "C", "N", "O"]


def cosine_cutoff(r, rc):
    return 0.5 * (torch.cos(torch.pi * r / rc) + 1.0) * (r < rc)


class RadialSymmetryFunctions(nn.Module):
    def __init__(self, etas=(0.5, 1.0, 2.0, 4.0), shifts=(0.0, 1.0, 2.0, 3.0), rc=6.0):
        super().__init__()
        self.rc = rc
        grid = torch.cartesian_prod(torch.tensor(etas), torch.tensor(shifts))
        self.register_buffer("eta", grid[:, 0])
        self.register_buffer("rs", grid[:, 1])

    def forward(self, positions):
        d = torch.cdist(positions, positions)
        fc = cosine_cutoff(d, self.rc) * (d > 0)
        g = torch.exp(-self.eta * (d.unsqueeze(-1) - self.rs) ** 2) * fc.unsqueeze(-1)
        return g.sum(dim=1)


class ElementalPotential(nn.Module):
    def __init__(self, elements=ELEMENTS, hidden=(32, 32)):
        super().__init__()
        self.elements = list(elements)
        self.descriptor = RadialSymmetryFunctions()
        n_in = self.descriptor.eta.numel()
        nets = {}
        for el in self.elements:
            layers, width = [], n_in
            for h in hidden:
                layers += [nn.Linear(width, h), nn.Tanh()]
                width = h
            nets[el] = nn.Sequential(*layers, nn.Linear(width, 1))
        self.nets = nn.ModuleDict(nets)

    def forward(self, species, positions):
        g = self.descriptor(positions)
        energy = positions.new_zeros(())
        for idx, el in enumerate(self.elements):
            mask = species == idx
            if mask.any():
                energy = energy + self.nets[el](g[mask]).sum()
        return energy


def forces(model, species, positions):
    positions = positions.detach().requires_grad_(True)
    e = model(species, positions)
    return e.detach(), -torch.autograd.grad(e, positions)[0]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = ElementalPotential().to(device)
    species = torch.tensor([1, 0, 0, 0, 0], device=device)
    pos = torch.randn(5, 3, device=device) * 1.2
    print(forces(model, species, pos))
