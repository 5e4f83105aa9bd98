# source: https://github.com/facebookresearch/sam3/pull/188
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: hard-coded-cuda
# shape: class, helper
# bug-lines: 25, 26
# needs: torch
# cpu: no written where torch was not installed; not run
"""Box-conditioned relative position bias for a text-prompted grounding decoder.

Each object query carries a box; cross-attention to the image features is biased
by the distance between every feature-map location and the query's box edges.
"""
import torch
import torch.nn as nn


class BoxRelPosBias(nn.Module):
    def __init__(self, num_heads, hidden=256):
        super().__init__()
        self.mlp_x = nn.Sequential(nn.Linear(2, hidden), nn.ReLU(), nn.Linear(hidden, num_heads))
        self.mlp_y = nn.Sequential(nn.Linear(2, hidden), nn.ReLU(), nn.Linear(hidden, num_heads))

    def _get_rpb_matrix(self, boxes_xyxy, feat_hw):
        H, W = feat_hw
        coords_h = torch.arange(H, device="cuda", dtype=torch.float32) / H
        coords_w = torch.arange(W, device="cuda", dtype=torch.float32) / W
        # [Q, H, 2] and [Q, W, 2]: signed distance to the two horizontal/vertical edges
        deltas_y = coords_h.view(1, -1, 1) - boxes_xyxy.reshape(-1, 1, 4)[:, :, 1:4:2]
        deltas_x = coords_w.view(1, -1, 1) - boxes_xyxy.reshape(-1, 1, 4)[:, :, 0:3:2]
        bias_y = self.mlp_y(deltas_y)  # [Q, H, heads]
        bias_x = self.mlp_x(deltas_x)  # [Q, W, heads]
        bias = bias_y.unsqueeze(2) + bias_x.unsqueeze(1)  # [Q, H, W, heads]
        return bias.flatten(1, 2).permute(2, 0, 1)  # [heads, Q, H*W]

    def forward(self, boxes_xyxy, feat_hw):
        return self._get_rpb_matrix(boxes_xyxy, feat_hw)


class GroundingCrossAttention(nn.Module):
    def __init__(self, dim=256, num_heads=8):
        super().__init__()
        self.attn = nn.MultiheadAttention(dim, num_heads, batch_first=True)
        self.rpb = BoxRelPosBias(num_heads)
        self.num_heads = num_heads

    def forward(self, queries, ref_boxes, memory, feat_hw):
        # queries: [1, Q, C], ref_boxes: [Q, 4] normalized xyxy, memory: [1, H*W, C]
        bias = self.rpb(ref_boxes, feat_hw)
        out, _ = self.attn(queries, memory, memory, attn_mask=bias)
        return out


def run_demo(device_name):
    device = torch.device(device_name)
    layer = GroundingCrossAttention().to(device).eval()
    H, W, Q = 32, 32, 100
    queries = torch.randn(1, Q, 256, device=device)
    boxes = torch.rand(Q, 4, device=device).sort(dim=-1).values
    memory = torch.randn(1, H * W, 256, device=device)
    with torch.no_grad():
        out = layer(queries, boxes, memory, (H, W))
    print(out.shape)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cpu", help="cpu for CPU-only inference, cuda for GPU")
    run_demo(parser.parse_args().device)
