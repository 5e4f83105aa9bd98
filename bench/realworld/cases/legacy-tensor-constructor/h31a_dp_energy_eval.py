# source: https://github.com/deepmodeling/deepmd-kit/pull/3391
# error: RuntimeError: legacy constructor expects device type: cpu but device type: cuda was passed
# pattern: legacy-tensor-constructor
# shape: class, helper
# bug-lines: 50
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn

DEVICE = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
GLOBAL_DTYPE = torch.float64


class PairEnergyModel(nn.Module):
    """Toy short-range pair potential: E = sum_ij f(r_ij, type_i, type_j)."""

    def __init__(self, ntypes=2, rcut=6.0, hidden=32):
        super().__init__()
        self.rcut = rcut
        self.type_embed = nn.Embedding(ntypes, 8)
        self.mlp = nn.Sequential(nn.Linear(17, hidden), nn.Tanh(), nn.Linear(hidden, 1))

    def forward(self, coord, atype, nlist):
        ri, rj = coord[nlist[:, 0]], coord[nlist[:, 1]]
        dist = (ri - rj).norm(dim=-1, keepdim=True)
        env = torch.cat([dist, self.type_embed(atype[nlist[:, 0]]), self.type_embed(atype[nlist[:, 1]])], -1)
        smooth = 0.5 * (torch.cos(torch.pi * dist / self.rcut) + 1.0)
        return (self.mlp(env) * smooth).sum()


def build_nlist(coord_np, rcut):
    diff = coord_np[:, None, :] - coord_np[None, :, :]
    dist = np.linalg.norm(diff, axis=-1)
    ii, jj = np.nonzero((dist < rcut) & (dist > 0.0))
    return np.stack([ii, jj], axis=1)


class DeepEval:
    def __init__(self, model_file):
        self.model = PairEnergyModel().to(DEVICE).to(GLOBAL_DTYPE)
        self.model.load_state_dict(torch.load(model_file, map_location=DEVICE))
        self.model.eval()

    def eval(self, coords, atom_types):
        nlist_np = build_nlist(coords, self.model.rcut)
        coord_t = torch.tensor(coords, dtype=GLOBAL_DTYPE, device=DEVICE).requires_grad_(True)
        atype_t = torch.tensor(atom_types, dtype=torch.long, device=DEVICE)
        nlist_t = torch.LongTensor(nlist_np, device=DEVICE)
        energy = self.model(coord_t, atype_t, nlist_t)
        (force,) = torch.autograd.grad(-energy, coord_t)
        return energy.item(), force.detach().cpu().numpy()


if __name__ == "__main__":
    # single atom and two far-apart atoms: energy should be 0, forces 0
    dp = DeepEval("frozen_model.pth")
    for coords in (np.zeros((1, 3)), np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 50.0]])):
        types = np.zeros(len(coords), dtype=np.int64)
        e, f = dp.eval(coords, types)
        print(f"natoms={len(coords)} energy={e:.6f} max|f|={np.abs(f).max():.3e}")
