# source: https://github.com/TorchSim/torch-sim/issues/440
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: helper, class
# bug-lines: 56, 62
# needs: torch
# cpu: no written where torch was not installed; not run
import copy

import torch
import torch.nn as nn


class Interaction(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.linear = nn.Linear(channels, channels)
        self.register_buffer("coupling", torch.eye(channels))

    def forward(self, node_feats, edge_feats):
        return torch.tanh(self.linear(node_feats) @ self.coupling + edge_feats)


class EquivariantPotential(nn.Module):
    def __init__(self, n_species=10, channels=64, n_layers=2):
        super().__init__()
        self.embed = nn.Embedding(n_species, channels)
        self.radial = nn.Linear(1, channels)
        self.interactions = nn.ModuleList(Interaction(channels) for _ in range(n_layers))
        self.readout = nn.Linear(channels, 1)

    def forward(self, positions, species):
        h = self.embed(species)
        r = positions.norm(dim=-1, keepdim=True)
        edge = self.radial(r)
        for block in self.interactions:
            h = block(h, edge)
        return self.readout(h).sum()


def convert_to_fused(model, device="cpu"):
    """Precompute the fused coupling tables used by the fast kernels."""
    fused = copy.deepcopy(model)
    for block in fused.interactions:
        table = block.coupling.detach().cpu()
        block.coupling = torch.as_tensor(table.T.contiguous(), dtype=torch.float32, device=device)
    return fused.to(device)


class PotentialCalculator(nn.Module):
    def __init__(self, model, device=None, use_fused_kernels=True):
        super().__init__()
        self._device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        model = model.to(self._device)
        if use_fused_kernels:
            model = convert_to_fused(model)
        self.model = model

    def forward(self, positions, species):
        positions = positions.to(self._device)
        species = species.to(self._device)
        return self.model(positions, species)


if __name__ == "__main__":
    raw = EquivariantPotential()
    raw.load_state_dict(torch.load("potential.pt", map_location="cpu"))
    calc = PotentialCalculator(raw)
    pos = torch.randn(32, 3)
    z = torch.randint(0, 10, (32,))
    print("energy:", calc(pos, z).item())
