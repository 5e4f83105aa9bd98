# source: https://github.com/ykdai/BasicPBC/issues/4
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: class, batch-dict
# bug-lines: 49
# needs: torch
# cpu: no written where torch was not installed; not run
"""Segment matcher for line-art colorization; reports match and area accuracy during validation."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class SegmentMatcher(nn.Module):
    def __init__(self, descriptor_dim=128, sinkhorn_iters=50):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(4, 64, 3, padding=1), nn.ReLU(),
                                     nn.Conv2d(64, descriptor_dim, 3, padding=1))
        self.bin_score = nn.Parameter(torch.tensor(1.0))
        self.sinkhorn_iters = sinkhorn_iters

    def pool_segments(self, feat, segment, n_seg):
        onehot = F.one_hot(segment.long(), n_seg + 1)[..., 1:].float()      # (H, W, n_seg)
        summed = torch.einsum("chw,hwn->nc", feat, onehot)
        return summed / onehot.sum((0, 1)).clamp(min=1)[:, None]

    def log_optimal_transport(self, scores):
        for _ in range(self.sinkhorn_iters):
            scores = scores - scores.logsumexp(dim=1, keepdim=True)
            scores = scores - scores.logsumexp(dim=0, keepdim=True)
        return scores

    def forward(self, data):
        feat0 = self.encoder(torch.cat([data["line"], data["segment"][None].float()], 0)[None])[0]
        feat1 = self.encoder(torch.cat([data["line_ref"], data["segment_ref"][None].float()], 0)[None])[0]
        n0, n1 = int(data["segment"].max()), int(data["segment_ref"].max())
        desc0 = self.pool_segments(feat0, data["segment"], n0)
        desc1 = self.pool_segments(feat1, data["segment_ref"], n1)
        scores = self.log_optimal_transport(desc0 @ desc1.t() / desc0.shape[1] ** 0.5)
        indices0 = scores.max(1).indices[None]                               # (1, n0)

        all_matches = data.get("all_matches")
        if all_matches is None:
            return {"matches0": indices0[0], "accuracy": -1, "area_accuracy": -1}
        loss = -scores[torch.arange(n0, device=scores.device), all_matches[0].clamp(min=0)].mean()
        all_matches_origin = all_matches.clone()
        is_correct = all_matches_origin[0] == indices0[0]
        accuracy = (is_correct.sum() / len(all_matches_origin[0])).item()
        correct_ids = torch.arange(0, all_matches_origin[0].shape[0])[is_correct]
        area_accuracy = torch.tensor(
            [(data["segment"] == ii + 1).sum() for ii in correct_ids]
        ).sum() / (data["segment"] > 0).sum().cpu()
        return {"matches0": indices0[0], "loss": loss, "accuracy": accuracy,
                "area_accuracy": area_accuracy.item()}


if __name__ == "__main__":
    device = torch.device("cuda")
    model = SegmentMatcher().to(device).eval()
    seg = torch.randint(0, 30, (256, 256), device=device)
    data = {"line": torch.rand(3, 256, 256, device=device), "segment": seg,
            "line_ref": torch.rand(3, 256, 256, device=device), "segment_ref": seg.clone(),
            "all_matches": torch.arange(int(seg.max()), device=device)[None]}
    with torch.no_grad():
        out = model(data)
    print(out["accuracy"], out["area_accuracy"])
