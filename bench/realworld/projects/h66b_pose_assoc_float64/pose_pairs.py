# source: https://github.com/yingxin-jia/SuperGlue-pytorch/issues/11
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, helper
# bug-lines: 25, 48, 49
# needs: torch, numpy
# cpu: raises "RuntimeError: Input type (double) and bias type (float) should be the same"
"""Pairs of consecutive frames with per-person 2D keypoints, for learning pose-track association."""
import numpy as np
import torch
from torch.utils.data import Dataset


def fake_people(rng, n_people, n_joints=17, w=640, h=480):
    people = []
    for _ in range(n_people):
        cx, cy = rng.uniform(50, w - 50), rng.uniform(50, h - 50)
        joints = [(cx + rng.normal(0, 20), cy + rng.normal(0, 40), rng.uniform(0.2, 1.0)) for _ in range(n_joints)]
        people.append(joints)
    return people


def flatten_keypoints(people):
    """(n_people * n_joints, 2) coordinates and (n_people * n_joints,) confidences."""
    coords = np.array([(x, y) for person in people for (x, y, _) in person])
    scores = np.array([s for person in people for (_, _, s) in person], dtype=np.float32)
    return coords, scores


class PoseTrackPairs(Dataset):
    def __init__(self, n_pairs=32, n_people=4, seed=0):
        self.rng = np.random.default_rng(seed)
        self.pairs = []
        for _ in range(n_pairs):
            prev = fake_people(self.rng, n_people)
            perm = self.rng.permutation(n_people)
            cur = [[(x + self.rng.normal(0, 3), y + self.rng.normal(0, 3), s) for x, y, s in prev[p]] for p in perm]
            self.pairs.append((prev, cur, np.argsort(perm)))

    def __len__(self):
        return len(self.pairs)

    def __getitem__(self, idx):
        prev, cur, match = self.pairs[idx]
        kpts0, scores0 = flatten_keypoints(prev)
        kpts1, scores1 = flatten_keypoints(cur)
        return {
            "keypoints0": torch.from_numpy(kpts0),
            "keypoints1": torch.from_numpy(kpts1),
            "scores0": torch.from_numpy(scores0),
            "scores1": torch.from_numpy(scores1),
            "match": torch.from_numpy(match).long(),
            "image_size": torch.tensor([640.0, 480.0]),
        }
