# source: https://github.com/torch-points3d/torch-points3d/issues/492
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, class, loader-loop
# bug-lines: 22, 26
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def box_corners_from_param(box_size, heading_angle, center):
    """Return the 8 corners (8, 3) of an upright 3D box.

    box_size: (3,) l, w, h   heading_angle: scalar tensor   center: (3,)
    """
    c, s = torch.cos(heading_angle), torch.sin(heading_angle)
    l, w, h = box_size[0] / 2, box_size[1] / 2, box_size[2] / 2
    rot = torch.zeros((3, 3))
    rot[0, 0], rot[0, 1] = c, -s
    rot[1, 0], rot[1, 1] = s, c
    rot[2, 2] = 1.0
    signs = torch.tensor([[1, 1, -1, -1, 1, 1, -1, -1],
                          [1, -1, -1, 1, 1, -1, -1, 1],
                          [1, 1, 1, 1, -1, -1, -1, -1]], dtype=torch.float32)
    template = signs * torch.stack([l, w, h]).view(3, 1)
    corners = rot @ template
    return corners.t() + center


class VoteHeadResults:
    """Decodes the raw proposal tensor of a VoteNet-style head into box corners."""

    def __init__(self, num_heading_bins=12):
        self.num_heading_bins = num_heading_bins

    def decode(self, proposals):
        # proposals: (B, K, 3 center + 3 size + heading_bins + 1 objectness)
        self.center = proposals[..., 0:3]
        self.size = proposals[..., 3:6].exp()
        bins = proposals[..., 6:6 + self.num_heading_bins].argmax(-1)
        self.heading = bins.float() * (2 * math.pi / self.num_heading_bins)
        self.objectness = proposals[..., -1].sigmoid()

    def get_corners(self, score_thresh=0.3):
        batch_corners = []
        for i in range(self.center.shape[0]):
            keep = (self.objectness[i] > score_thresh).nonzero().flatten()
            corners = [box_corners_from_param(self.size[i, j], self.heading[i, j], self.center[i, j])
                       for j in keep.tolist()]
            batch_corners.append(torch.stack(corners) if corners else self.center.new_zeros((0, 8, 3)))
        return batch_corners


def evaluate(head, loader, device):
    results = VoteHeadResults()
    all_boxes = []
    with torch.no_grad():
        for (seed_features,) in loader:
            proposals = head(seed_features.to(device))
            results.decode(proposals)
            all_boxes.extend(results.get_corners())
    return all_boxes


if __name__ == "__main__":
    device = torch.device("cuda")
    head = nn.Sequential(nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 3 + 3 + 12 + 1)).to(device)
    loader = DataLoader(TensorDataset(torch.randn(16, 64, 256)), batch_size=4)
    boxes = evaluate(head, loader, device)
    print(len(boxes), boxes[0].shape)
