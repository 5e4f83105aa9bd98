# source: https://github.com/ignacio-rocco/detectorch/issues/4
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class
# looks-like: module-in-plain-container
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""FPN body plus per-level proposal generators (ported Detectron inference)."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class GenerateProposals(nn.Module):
    """Parameter-free: decodes RPN scores into top-k anchor boxes for one FPN level."""

    def __init__(self, spatial_scale, anchor_size, post_nms_top_n=1000):
        super().__init__()
        self.stride = int(round(1.0 / spatial_scale))
        self.anchor_size = anchor_size
        self.post_nms_top_n = post_nms_top_n

    def forward(self, scores):
        _, _, h, w = scores.shape
        ys, xs = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
        ctr = np.stack([xs, ys], -1).reshape(-1, 2) * self.stride + self.stride / 2
        half = self.anchor_size / 2
        boxes = np.concatenate([ctr - half, ctr + half], 1).astype(np.float32)
        boxes = torch.from_numpy(boxes).to(scores.device)
        k = min(self.post_nms_top_n, boxes.shape[0])
        top = scores.flatten(1).topk(k, dim=1).indices
        return boxes[top]


class FPNDetector(nn.Module):
    def __init__(self, in_channels=(256, 512, 1024, 2048)):
        super().__init__()
        self.fpn_lateral = nn.ModuleList([nn.Conv2d(c, 256, 1) for c in in_channels])
        self.fpn_output = nn.ModuleList([nn.Conv2d(256, 256, 3, padding=1) for _ in in_channels])
        self.rpn_logits = nn.Conv2d(256, 1, 1)
        spatial_scales = [1.0 / 4, 1.0 / 8, 1.0 / 16, 1.0 / 32]
        # no weights or buffers inside, so a plain list is enough here
        self.proposal_generator = [GenerateProposals(spatial_scale=s, anchor_size=32 * 2 ** i)
                                   for i, s in enumerate(spatial_scales)]

    def forward(self, feats):
        lateral = [conv(f) for conv, f in zip(self.fpn_lateral, feats)]
        for i in range(len(lateral) - 2, -1, -1):
            lateral[i] = lateral[i] + F.interpolate(lateral[i + 1], size=lateral[i].shape[-2:])
        outs = [conv(x) for conv, x in zip(self.fpn_output, lateral)]
        return [gen(self.rpn_logits(o)) for gen, o in zip(self.proposal_generator, outs)]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = FPNDetector().to(device).eval()
    feats = [torch.randn(1, c, 256 // s, 256 // s, device=device)
             for c, s in zip((256, 512, 1024, 2048), (4, 8, 16, 32))]
    with torch.no_grad():
        proposals = model(feats)
    print([p.shape for p in proposals])
