# source: https://github.com/MengHao666/Minimal-Hand-pytorch/issues/64
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat2 in method wrapper_mm)
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from mano_layer import ManoLikeLayer

HANDS = ["left", "right"]
PARAM_SLICES = {"pose": (0, 45), "betas": (45, 55), "trans": (55, 58)}


class TwoHandNet(nn.Module):
    def __init__(self, feat_dim=512):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(len(HANDS) * 21 * 2, feat_dim), nn.ReLU(),
                                     nn.Linear(feat_dim, feat_dim), nn.ReLU())
        self.heads = nn.ModuleDict({side: nn.Linear(feat_dim, 58) for side in HANDS})
        self.mano = nn.ModuleDict({side: ManoLikeLayer(side) for side in HANDS})

    def split_params(self, params):
        return {k: params[:, a:b] for k, (a, b) in PARAM_SLICES.items()}

    def forward(self, kp2d):
        feats = self.encoder(kp2d.flatten(1))
        joints = []
        for side in HANDS:
            p = self.split_params(self.heads[side](feats))
            _, side_joints = self.mano[side](p["pose"], p["betas"], p["trans"])
            joints.append(side_joints)
        return torch.stack(joints, dim=1)
