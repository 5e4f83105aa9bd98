# source: https://github.com/metatensor/metatrain/issues/312
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper
# bug-lines: 32
# needs: torch
# cpu: no written where torch was not installed; not run
"""Export a GPU-trained interatomic potential checkpoint to TorchScript (run on a CPU login node)."""
import argparse

import torch
import torch.nn as nn


class RadialEnergyModel(nn.Module):
    def __init__(self, n_species=4, n_radial=16, hidden=64, cutoff=5.0):
        super().__init__()
        self.cutoff = cutoff
        self.register_buffer("centers", torch.linspace(0.0, cutoff, n_radial))
        self.species_embedding = nn.Embedding(n_species, n_radial)
        self.mlp = nn.Sequential(nn.Linear(n_radial, hidden), nn.SiLU(), nn.Linear(hidden, 1))

    def forward(self, species: torch.Tensor, distances: torch.Tensor) -> torch.Tensor:
        # distances: (n_atoms, n_neighbors)
        rbf = torch.exp(-(distances.unsqueeze(-1) - self.centers) ** 2)
        rbf = rbf * (distances < self.cutoff).unsqueeze(-1)
        features = rbf.sum(dim=1) * self.species_embedding(species)
        return self.mlp(features).sum()


def load_trained_model(ckpt_path):
    checkpoint = torch.load(ckpt_path)
    model = RadialEnergyModel(**checkpoint["model_hypers"])
    model.load_state_dict(checkpoint["model_state_dict"])
    print(f"loaded epoch {checkpoint.get('epoch', '?')} from {ckpt_path}")
    return model


def export(ckpt_path, out_path):
    model = load_trained_model(ckpt_path).eval()
    scripted = torch.jit.script(model)
    scripted.save(out_path)
    print(f"exported TorchScript model to {out_path}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("checkpoint")
    parser.add_argument("-o", "--output", default="exported-model.pt")
    args = parser.parse_args()
    export(args.checkpoint, args.output)
