# source: https://github.com/cosanlab/py-feat/pull/258
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: discarded-tensor-move
# shape: multi-file, class
# bug-lines: 36
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Per-rally pose tracking: batches broadcast frames, runs the pose net and keeps
a short history per player slot so the analytics dashboard can plot footwork."""
from collections import defaultdict, deque

import numpy as np
import torch

from pose_net import PlayerPoseNet

MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


class RallyTracker:
    def __init__(self, weights_path, device="cuda", history=90):
        self.device = torch.device(device)
        self.net = PlayerPoseNet()
        self.net.load_state_dict(torch.load(weights_path, map_location="cpu"))
        self.net.to(self.device).eval()
        self.history = defaultdict(lambda: deque(maxlen=history))

    def _prepare(self, crops):
        batch = torch.from_numpy(np.stack(crops)).permute(0, 3, 1, 2).float() / 255.0
        return (batch - MEAN) / STD

    @torch.no_grad()
    def detect_frames(self, crops):
        frames = self._prepare(crops)
        frames.to(self.device)
        heatmaps = self.net(frames)
        return PlayerPoseNet.decode(heatmaps)

    def update(self, frame_idx, crops, slots):
        xy, score = self.detect_frames(crops)
        for slot, joints, conf in zip(slots, xy.cpu().numpy(), score.cpu().numpy()):
            self.history[slot].append((frame_idx, joints, conf))
        return xy

    def footwork_speed(self, slot, fps=50.0):
        track = self.history[slot]
        if len(track) < 2:
            return 0.0
        ankles = np.array([joints[15:17].mean(axis=0) for _, joints, _ in track])
        return float(np.linalg.norm(np.diff(ankles, axis=0), axis=1).mean() * fps)
