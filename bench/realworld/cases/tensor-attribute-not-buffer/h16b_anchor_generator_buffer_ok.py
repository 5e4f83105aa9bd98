# source: https://github.com/pytorch/vision/pull/1312
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, helper
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def base_anchors(sizes, ratios):
    sizes = torch.as_tensor(sizes, dtype=torch.float32)
    ratios = torch.as_tensor(ratios, dtype=torch.float32)
    h_ratio = torch.sqrt(ratios)
    w_ratio = 1.0 / h_ratio
    ws = (w_ratio[:, None] * sizes[None, :]).reshape(-1)
    hs = (h_ratio[:, None] * sizes[None, :]).reshape(-1)
    return (torch.stack([-ws, -hs, ws, hs], dim=1) / 2).round()


class AnchorGenerator(nn.Module):
    def __init__(self, sizes=(32, 64, 128), ratios=(0.5, 1.0, 2.0), stride=16):
        super().__init__()
        self.stride = stride
        self.register_buffer("cell_anchors", base_anchors(sizes, ratios), persistent=False)

    def grid_anchors(self, feat_h, feat_w):
        device = self.cell_anchors.device
        shifts_x = torch.arange(0, feat_w, device=device, dtype=torch.float32) * self.stride
        shifts_y = torch.arange(0, feat_h, device=device, dtype=torch.float32) * self.stride
        sy, sx = torch.meshgrid(shifts_y, shifts_x, indexing="ij")
        shifts = torch.stack([sx, sy, sx, sy], dim=-1).reshape(-1, 1, 4)
        return (shifts + self.cell_anchors[None]).reshape(-1, 4)

    def forward(self, feature_map):
        return self.grid_anchors(feature_map.shape[-2], feature_map.shape[-1])


class TinyRPN(nn.Module):
    def __init__(self, channels=64):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, channels, 3, stride=16, padding=1), nn.ReLU())
        self.anchors = AnchorGenerator()
        self.deltas = nn.Conv2d(channels, 9 * 4, 1)

    def forward(self, images):
        feats = self.backbone(images)
        anchors = self.anchors(feats)
        deltas = self.deltas(feats).permute(0, 2, 3, 1).reshape(images.size(0), -1, 4)
        return anchors[None] + deltas


if __name__ == "__main__":
    model = TinyRPN().cuda()
    boxes = model(torch.rand(2, 3, 256, 256, device="cuda"))
    print(boxes.shape, boxes.device)
