# source: https://github.com/karfly/learnable-triangulation-pytorch/issues/96
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from pose_resnet import get_pose_net


def integrate_heatmaps_2d(heatmaps):
    batch, joints, h, w = heatmaps.shape
    probs = heatmaps.view(batch, joints, -1).softmax(dim=-1).view(batch, joints, h, w)
    xs = torch.arange(w, dtype=heatmaps.dtype, device=heatmaps.device)
    ys = torch.arange(h, dtype=heatmaps.dtype, device=heatmaps.device)
    x = (probs.sum(dim=2) * xs).sum(dim=-1)
    y = (probs.sum(dim=3) * ys).sum(dim=-1)
    return torch.stack([x, y], dim=-1)


def triangulate_dlt(proj_matricies, points):
    rows = []
    for P, (u, v) in zip(proj_matricies, points):
        rows.append(u * P[2] - P[0])
        rows.append(v * P[2] - P[1])
    A = torch.stack(rows)
    _, _, vh = torch.linalg.svd(A)
    X = vh[-1]
    return X[:3] / X[3]


class AlgebraicTriangulationNet(nn.Module):
    def __init__(self, config, device="cuda:0"):
        super().__init__()
        self.num_joints = config["backbone"]["num_joints"]
        self.backbone = get_pose_net(config["backbone"], device=device)

    def forward(self, images, proj_matricies):
        batch, n_views = images.shape[:2]
        heatmaps = self.backbone(images.view(-1, *images.shape[2:]))
        keypoints_2d = integrate_heatmaps_2d(heatmaps).view(batch, n_views, self.num_joints, 2)
        keypoints_3d = torch.zeros(batch, self.num_joints, 3, device=images.device)
        for b in range(batch):
            for j in range(self.num_joints):
                keypoints_3d[b, j] = triangulate_dlt(proj_matricies[b], keypoints_2d[b, :, j])
        return keypoints_3d, keypoints_2d
