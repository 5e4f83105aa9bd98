# source: https://github.com/deepchem/deepchem/issues/4071
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper, loader-loop, batch-dict
# bug-lines: 40, 41, 42
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

"""Weave graph-convolution regressor for aqueous solubility (ESOL-style) molecules."""
import numpy as np
import torch
import torch.nn as nn


class WeaveLayer(nn.Module):
    def __init__(self, n_atom_in, n_pair_in, n_hidden):
        super().__init__()
        self.atom_to_atom = nn.Linear(n_atom_in, n_hidden)
        self.pair_to_atom = nn.Linear(n_pair_in, n_hidden)

    def forward(self, inputs):
        atom_feat, pair_feat, pair_atom = inputs
        device = self.atom_to_atom.weight.device
        atom_feat = torch.as_tensor(atom_feat, dtype=torch.float32, device=device)
        pair_feat = torch.as_tensor(pair_feat, dtype=torch.float32, device=device)
        pair_atom = torch.as_tensor(pair_atom, dtype=torch.long, device=device)
        aa = torch.relu(self.atom_to_atom(atom_feat))
        pa = torch.relu(self.pair_to_atom(pair_feat))
        return aa + torch.zeros_like(aa).index_add_(0, pair_atom, pa)


class Weave(nn.Module):
    def __init__(self, n_tasks, n_atom_feat=75, n_pair_feat=14, n_hidden=50):
        super().__init__()
        self.weave = WeaveLayer(n_atom_feat, n_pair_feat, n_hidden)
        self.readout = nn.Linear(n_hidden, n_tasks)

    def forward(self, batch):
        layer_in = [
            np.array(batch["atom_feat"]),
            np.array(batch["pair_feat"]),
            np.array(batch["pair_atom"]),
        ]
        atom_h = self.weave(layer_in)
        atom_mol = batch["atom_mol"]
        mol_h = torch.zeros(int(atom_mol.max()) + 1, atom_h.shape[1], device=atom_h.device)
        mol_h.index_add_(0, atom_mol, atom_h)
        return self.readout(mol_h)


def prepare_batch(batch, device):
    return {key: value.to(device) for key, value in batch.items()}


def toy_batches(n_batches=8, n_atoms=30, n_pairs=90, n_mols=4):
    atom_mol = torch.arange(n_mols).repeat_interleave(n_atoms // n_mols + 1)[:n_atoms]
    return [{"atom_feat": torch.randn(n_atoms, 75), "pair_feat": torch.randn(n_pairs, 14),
             "pair_atom": torch.randint(0, n_atoms, (n_pairs,)), "atom_mol": atom_mol,
             "y": torch.randn(n_mols, 1)} for _ in range(n_batches)]


def fit(model, batches, device, epochs=10):
    model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        total = 0.0
        for batch in batches:
            batch = prepare_batch(batch, device)
            loss = nn.functional.mse_loss(model(batch), batch["y"])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        print(f"epoch {epoch}: mse {total / len(batches):.4f}")


if __name__ == "__main__":
    fit(Weave(n_tasks=1), toy_batches(), torch.device("cuda" if torch.cuda.is_available() else "cpu"))
