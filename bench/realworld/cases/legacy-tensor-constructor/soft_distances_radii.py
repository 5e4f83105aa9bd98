# source: https://github.com/FreyrS/dMaSIF/issues/30
# error: RuntimeError: legacy constructor expects device type: cpu but device type: cuda was passed
# pattern: legacy-tensor-constructor
# shape: helper, class
# bug-lines: 18
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn


def soft_distances(x, y, batch_x, batch_y, smoothness=0.01, atomtypes=None):
    dists = ((x[:, None, :] - y[None, :, :]) ** 2).sum(-1)
    dists = dists + 1e6 * (batch_x[:, None] != batch_y[None, :])
    if atomtypes is not None:
        atomic_radii = torch.FloatTensor([170, 110, 152, 155, 180, 190], device=x.device)
        atomic_radii = atomic_radii / atomic_radii.min()
        smoothness = smoothness * (atomtypes * atomic_radii[None, :]).sum(dim=1)
        return -(smoothness * torch.logsumexp(-dists / smoothness[:, None], dim=1))
    return -(smoothness * torch.logsumexp(-dists / smoothness, dim=1))


class SurfaceNet(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.args = args
        self.head = nn.Linear(1, args.emb_dims)

    def preprocess_surface(self, atoms, batch_atoms, atomtypes):
        points = atoms + 0.5 * torch.randn_like(atoms)
        dist = soft_distances(atoms, points, batch_atoms, batch_atoms, atomtypes=atomtypes)
        return points, dist

    def forward(self, atoms, batch_atoms, atomtypes):
        points, dist = self.preprocess_surface(atoms, batch_atoms, atomtypes)
        return self.head(dist[:, None])


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:0" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--emb_dims", type=int, default=16)
    args = parser.parse_args()
    net = SurfaceNet(args).to(args.device)
    atoms = torch.randn(30, 3, device=args.device)
    batch_atoms = torch.zeros(30, dtype=torch.long, device=args.device)
    atomtypes = torch.nn.functional.one_hot(torch.randint(0, 6, (30,)), 6).float().to(args.device)
    print(net(atoms, batch_atoms, atomtypes).shape)
