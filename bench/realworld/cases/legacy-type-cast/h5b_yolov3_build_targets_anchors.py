# source: https://github.com/ultralytics/yolov3/issues/42
# error: RuntimeError: Expected object of type torch.cuda.FloatTensor but found type torch.FloatTensor for argument #2 'other'
# pattern: legacy-type-cast
# shape: helper, class, loader-loop
# bug-lines: 27
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class YOLOLayer(nn.Module):
    def __init__(self, anchors, nc=80, stride=32):
        super().__init__()
        self.register_buffer("anchors", torch.tensor(anchors, dtype=torch.float32))
        self.na, self.nc, self.stride = len(anchors), nc, stride
        self.conv = nn.Conv2d(64, self.na * (5 + nc), 1)

    def forward(self, feat):
        b, _, ny, nx = feat.shape
        return self.conv(feat).view(b, self.na, 5 + self.nc, ny, nx).permute(0, 1, 3, 4, 2)


def build_targets(targets, layer):
    """targets: [n, 6] (image, class, x, y, w, h) in grid units."""
    anchor_vec = (layer.anchors / layer.stride).type(torch.FloatTensor)
    gwh = targets[:, 4:6]
    box1, box2 = gwh.unsqueeze(0), anchor_vec.unsqueeze(1)
    inter_area = torch.min(box1, box2).prod(2)
    iou = inter_area / (box1.prod(2) + box2.prod(2) - inter_area + 1e-16)
    best_iou, best_anchor = iou.max(0)
    return best_anchor, best_iou


def compute_loss(pred, targets, layer):
    best_anchor, best_iou = build_targets(targets, layer)
    b = targets[:, 0].long()
    gi, gj = targets[:, 2].long().clamp(0, pred.shape[3] - 1), targets[:, 3].long().clamp(0, pred.shape[2] - 1)
    obj = pred[b, best_anchor, gj, gi, 4]
    return nn.functional.binary_cross_entropy_with_logits(obj, (best_iou > 0.5).float())


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    backbone = nn.Conv2d(3, 64, 3, stride=32, padding=1).to(device)
    head = YOLOLayer([(10, 13), (16, 30), (33, 23)], nc=4).to(device)
    imgs = torch.rand(8, 3, 320, 320)
    targets = torch.cat([torch.randint(0, 2, (8, 1)).float(), torch.randint(0, 4, (8, 1)).float(),
                         torch.rand(8, 2) * 10, torch.rand(8, 2) * 3], dim=1)
    loader = DataLoader(TensorDataset(imgs.view(4, 2, 3, 320, 320), targets.view(4, 2, 6)), batch_size=1)
    for img, tgt in loader:
        img, tgt = img[0].to(device), tgt[0].to(device)
        print(compute_loss(head(backbone(img)), tgt, head).item())
