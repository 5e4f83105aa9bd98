# source: https://github.com/yingxin-jia/SuperGlue-pytorch/issues/11
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, class
# needs: torch
# cpu: raises "RuntimeError: Input type (double) and bias type (float) should be the same"
"""SuperGlue-flavoured keypoint encoder + person-level association scores."""
import torch
import torch.nn as nn


def mlp(channels):
    layers = []
    for i in range(1, len(channels)):
        layers.append(nn.Conv1d(channels[i - 1], channels[i], kernel_size=1, bias=True))
        if i < len(channels) - 1:
            layers += [nn.BatchNorm1d(channels[i]), nn.ReLU()]
    return nn.Sequential(*layers)


class KeypointEncoder(nn.Module):
    def __init__(self, feature_dim=64, layers=(32, 64)):
        super().__init__()
        self.encoder = mlp([3, *layers, feature_dim])
        nn.init.constant_(self.encoder[-1].bias, 0.0)

    def forward(self, kpts, scores):
        inputs = [kpts.transpose(1, 2), scores.unsqueeze(1)]
        return self.encoder(torch.cat(inputs, dim=1))


class PoseAssociator(nn.Module):
    def __init__(self, n_joints=17, feature_dim=64):
        super().__init__()
        self.n_joints = n_joints
        self.kenc = KeypointEncoder(feature_dim)

    def person_embed(self, kpts, scores):
        desc = self.kenc(kpts, scores)  # (b, d, people * joints)
        b, d, n = desc.shape
        return desc.view(b, d, n // self.n_joints, self.n_joints).mean(-1)

    def forward(self, data):
        size = data["image_size"][:, None]
        kpts0 = data["keypoints0"] / size
        kpts1 = data["keypoints1"] / size
        e0 = self.person_embed(kpts0, data["scores0"])
        e1 = self.person_embed(kpts1, data["scores1"])
        return torch.einsum("bdn,bdm->bnm", e0, e1) / e0.shape[1] ** 0.5
