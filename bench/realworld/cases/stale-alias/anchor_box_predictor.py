# source: https://github.com/pytorch/pytorch/issues/80490
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: class
# looks-like: stale-alias
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


def make_anchors(grid=8, sizes=(0.1, 0.3)):
    centers = (torch.arange(grid, dtype=torch.float32) + 0.5) / grid
    cy, cx = torch.meshgrid(centers, centers, indexing="ij")
    anchors = [torch.stack([cx, cy, torch.full_like(cx, s), torch.full_like(cy, s)], dim=-1) for s in sizes]
    return torch.stack(anchors, dim=2).reshape(-1, 4)


class DetectionHead(nn.Module):
    def __init__(self, in_ch=32, num_anchors=2, num_classes=5):
        super().__init__()
        self.register_buffer("anchors", make_anchors(sizes=(0.1, 0.3)[:num_anchors]))
        self.box = nn.Conv2d(in_ch, num_anchors * 4, 1)
        self.cls = nn.Conv2d(in_ch, num_anchors * num_classes, 1)
        self.num_classes = num_classes

    def forward(self, feats):
        n = feats.shape[0]
        deltas = self.box(feats).permute(0, 2, 3, 1).reshape(n, -1, 4)
        logits = self.cls(feats).permute(0, 2, 3, 1).reshape(n, -1, self.num_classes)
        return deltas, logits


class Detector(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 32, 3, stride=4, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(8))
        self.head = DetectionHead()

    def forward(self, images):
        return self.head(self.backbone(images))


class Predictor:
    def __init__(self, model, device):
        self.device = device
        self.model = model.to(device).eval()
        self.anchors = self.model.head.anchors

    def decode(self, deltas):
        centers = self.anchors[None, :, :2] + deltas[..., :2] * self.anchors[None, :, 2:]
        sizes = self.anchors[None, :, 2:] * deltas[..., 2:].exp()
        return torch.cat([centers - sizes / 2, centers + sizes / 2], dim=-1)

    @torch.no_grad()
    def __call__(self, images):
        deltas, logits = self.model(images.to(self.device))
        boxes = self.decode(deltas)
        scores, labels = logits.softmax(dim=-1).max(dim=-1)
        return boxes.cpu(), scores.cpu(), labels.cpu()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    predictor = Predictor(Detector(), device)
    boxes, scores, labels = predictor(torch.rand(2, 3, 64, 64))
    print(boxes.shape, scores.shape, labels[0, :6].tolist())
