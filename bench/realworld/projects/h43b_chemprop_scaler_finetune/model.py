# source: https://github.com/chemprop/chemprop/issues/1221
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, sklearn
# cpu: no written where torch was not installed; not run

"""Message-passing property regressor whose output un-scaling lives in module buffers."""
import torch
import torch.nn as nn
from sklearn.preprocessing import StandardScaler


class UnscaleTransform(nn.Module):
    def __init__(self, mean, scale):
        super().__init__()
        self.register_buffer("mean", torch.as_tensor(mean, dtype=torch.float32))
        self.register_buffer("scale", torch.as_tensor(scale, dtype=torch.float32))

    def forward(self, y):
        return y if self.training else y * self.scale + self.mean

    def to_standard_scaler(self):
        scaler = StandardScaler()
        scaler.mean_ = self.mean.detach().cpu().numpy()
        scaler.scale_ = self.scale.detach().cpu().numpy()
        return scaler


class MPNNRegressor(nn.Module):
    def __init__(self, atom_fdim=72, hidden=300, depth=3, n_tasks=1, mean=(0.0,), scale=(1.0,)):
        super().__init__()
        self.encoder_in = nn.Linear(atom_fdim, hidden)
        self.encoder_hidden = nn.ModuleList(nn.Linear(hidden, hidden) for _ in range(depth))
        self.ffn = nn.Sequential(nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, n_tasks))
        self.output_transform = UnscaleTransform(mean, scale)

    def forward(self, atom_feats, adjacency, atom_to_mol, n_mols):
        h = torch.relu(self.encoder_in(atom_feats))
        for layer in self.encoder_hidden:
            h = torch.relu(h + layer(adjacency @ h))
        mol = torch.zeros(n_mols, h.shape[1], device=h.device).index_add_(0, atom_to_mol, h)
        return self.output_transform(self.ffn(mol))
