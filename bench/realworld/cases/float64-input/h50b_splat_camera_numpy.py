# source: https://github.com/alvinliu0/HumanGaussian/issues/18
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: helper, class
# bug-lines: 22, 31
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import json
import math

import numpy as np
import torch


def load_camera(frame, width, height, fov_x, device):
    c2w = np.array(frame["transform_matrix"])
    c2w[:3, 1:3] *= -1  # OpenGL/Blender -> COLMAP axes
    w2c = np.linalg.inv(c2w)
    focal = 0.5 * width / math.tan(0.5 * fov_x)
    K = torch.tensor([[focal, 0.0, width / 2], [0.0, focal, height / 2], [0.0, 0.0, 1.0]],
                     dtype=torch.float32, device=device)
    return {"w2c": torch.from_numpy(w2c).to(device), "K": K, "size": (width, height)}


class SplatProjector:
    def __init__(self, means, device):
        self.means = means.to(device=device, dtype=torch.float32)

    def project(self, cam):
        R, t = cam["w2c"][:3, :3], cam["w2c"][:3, 3]
        p_cam = self.means @ R.T + t
        depth = p_cam[:, 2:3].clamp_min(1e-4)
        uv = (p_cam / depth) @ cam["K"].T
        w, h = cam["size"]
        visible = (depth[:, 0] > 0.2) & (uv[:, 0] >= 0) & (uv[:, 0] < w) & (uv[:, 1] >= 0) & (uv[:, 1] < h)
        return uv[:, :2], depth[:, 0], visible


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    with open("transforms_train.json") as f:
        meta = json.load(f)
    means = torch.randn(100_000, 3) * 0.5
    projector = SplatProjector(means, device)
    for frame in meta["frames"][:4]:
        cam = load_camera(frame, 800, 800, meta["camera_angle_x"], device)
        uv, depth, vis = projector.project(cam)
        print(frame["file_path"], int(vis.sum()), float(depth[vis].mean()))
