# source: https://github.com/d2l-ai/d2l-zh/pull/1278
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: helper, loader-loop
# bug-lines: 19, 20, 25
# needs: torch
# cpu: no written where torch was not installed; not run
"""TinySSD (d2l chapter 'single shot multibox detection') with cached anchors."""
import torch
import torch.nn as nn
import torch.nn.functional as F

_ANCHOR_CACHE = {}


def multibox_prior(fmap_h, fmap_w, sizes, ratios):
    """Anchors (xmin, ymin, xmax, ymax), normalised, for one feature map."""
    steps_h, steps_w = 1.0 / fmap_h, 1.0 / fmap_w
    center_h = (torch.arange(fmap_h, dtype=torch.float32) + 0.5) * steps_h
    center_w = (torch.arange(fmap_w, dtype=torch.float32) + 0.5) * steps_w
    shift_y, shift_x = torch.meshgrid(center_h, center_w, indexing="ij")
    shift_y, shift_x = shift_y.reshape(-1), shift_x.reshape(-1)
    wh = [(s * r ** 0.5, s / r ** 0.5) for s in sizes for r in ratios[:1]]
    wh += [(sizes[0] * r ** 0.5, sizes[0] / r ** 0.5) for r in ratios[1:]]
    wh = torch.tensor(wh)
    half = torch.cat([-wh, wh], dim=1) / 2
    centers = torch.stack([shift_x, shift_y, shift_x, shift_y], dim=1)
    return (centers[:, None, :] + half[None, :, :]).reshape(-1, 4)


def get_anchors(fmaps, sizes, ratios):
    key = tuple(f.shape[-2:] for f in fmaps)
    if key not in _ANCHOR_CACHE:
        _ANCHOR_CACHE[key] = torch.cat(
            [multibox_prior(f.shape[-2], f.shape[-1], s, ratios) for f, s in zip(fmaps, sizes)])
    return _ANCHOR_CACHE[key]


def box_iou(a, b):
    area = lambda x: (x[:, 2] - x[:, 0]) * (x[:, 3] - x[:, 1])
    lt = torch.max(a[:, None, :2], b[None, :, :2])
    rb = torch.min(a[:, None, 2:], b[None, :, 2:])
    inter = (rb - lt).clamp(min=0).prod(dim=2)
    return inter / (area(a)[:, None] + area(b)[None, :] - inter)


def assign_targets(anchors, labels, iou_thresh=0.5):
    cls_t, box_t = [], []
    for label in labels:                      # label: (num_obj, 5) = cls, box
        iou = box_iou(anchors, label[:, 1:])
        best_iou, best_obj = iou.max(dim=1)
        cls = label[best_obj, 0].long() + 1
        cls[best_iou < iou_thresh] = 0
        cls_t.append(cls)
        box_t.append(label[best_obj, 1:] - anchors)
    return torch.stack(box_t), torch.stack(cls_t)


class TinySSD(nn.Module):
    def __init__(self, num_classes, num_anchors=4):
        super().__init__()
        chans = [3, 16, 32, 64, 128]
        self.stages = nn.ModuleList(
            nn.Sequential(nn.Conv2d(i, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU(), nn.MaxPool2d(2))
            for i, o in zip(chans[:-1], chans[1:]))
        self.cls_heads = nn.ModuleList(nn.Conv2d(c, num_anchors * (num_classes + 1), 3, padding=1) for c in chans[3:])
        self.box_heads = nn.ModuleList(nn.Conv2d(c, num_anchors * 4, 3, padding=1) for c in chans[3:])
        self.num_classes = num_classes

    def forward(self, x):
        fmaps = []
        for i, stage in enumerate(self.stages):
            x = stage(x)
            if i >= 2:
                fmaps.append(x)
        cls = torch.cat([h(f).permute(0, 2, 3, 1).flatten(1) for h, f in zip(self.cls_heads, fmaps)], 1)
        box = torch.cat([h(f).permute(0, 2, 3, 1).flatten(1) for h, f in zip(self.box_heads, fmaps)], 1)
        return fmaps, cls.reshape(x.shape[0], -1, self.num_classes + 1), box.reshape(x.shape[0], -1, 4)


def train(net, loader, epochs=20, sizes=((0.2, 0.272), (0.37, 0.447)), ratios=(1, 2, 0.5)):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=0.2, weight_decay=5e-4)
    for epoch in range(epochs):
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            fmaps, cls_preds, box_preds = net(images)
            anchors = get_anchors(fmaps, sizes, ratios)
            box_t, cls_t = assign_targets(anchors, labels)
            loss = F.cross_entropy(cls_preds.reshape(-1, net.num_classes + 1), cls_t.reshape(-1)) \
                + F.l1_loss(box_preds, box_t)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch + 1}: loss {loss.item():.4f}")
