# source: https://github.com/dbolya/yolact/issues/130
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, helper, batch-dict, loader-loop
# bug-lines: 40
# needs: torch
# cpu: no written where torch was not installed; not run
"""Training loop: match priors to ground truth and apply smooth-L1 + CE losses."""
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from model import Detector


def point_form(boxes):
    return torch.cat((boxes[:, :2] - boxes[:, 2:] / 2, boxes[:, :2] + boxes[:, 2:] / 2), 1)


def encode(matched, priors, variances=(0.1, 0.2)):
    g_cxcy = ((matched[:, :2] + matched[:, 2:]) / 2 - priors[:, :2]) / (variances[0] * priors[:, 2:])
    g_wh = torch.log((matched[:, 2:] - matched[:, :2]) / priors[:, 2:]) / variances[1]
    return torch.cat([g_cxcy, g_wh], 1)


def box_iou(a, b):
    lt = torch.max(a[:, None, :2], b[None, :, :2])
    rb = torch.min(a[:, None, 2:], b[None, :, 2:])
    inter = (rb - lt).clamp(min=0).prod(2)
    area_a = (a[:, 2:] - a[:, :2]).prod(1)
    area_b = (b[:, 2:] - b[:, :2]).prod(1)
    return inter / (area_a[:, None] + area_b[None, :] - inter)


def multibox_loss(preds, targets, pos_thresh=0.5):
    priors = preds["priors"]
    loc_loss, conf_loss = 0.0, 0.0
    for b, target in enumerate(targets):
        boxes, labels = target["boxes"], target["labels"]
        overlaps = box_iou(boxes, point_form(priors))
        best_truth, best_idx = overlaps.max(0)
        conf_t = labels[best_idx] + 1
        conf_t[best_truth < pos_thresh] = 0
        pos = conf_t > 0
        loc_t = encode(boxes[best_idx[pos]], priors[pos])
        loc_loss = loc_loss + F.smooth_l1_loss(preds["loc"][b][pos], loc_t, reduction="sum")
        conf_loss = conf_loss + F.cross_entropy(preds["conf"][b], conf_t, reduction="sum")
    return (loc_loss + conf_loss) / max(1, len(targets))


def collate(batch):
    return torch.stack([b["image"] for b in batch]), [b["target"] for b in batch]


def train(dataset, epochs=12, lr=1e-3):
    device = torch.device("cuda")
    model = Detector().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    loader = DataLoader(dataset, batch_size=8, shuffle=True, num_workers=4, collate_fn=collate)
    for epoch in range(epochs):
        for images, targets in loader:
            images = images.to(device)
            targets = [{k: v.to(device) for k, v in t.items()} for t in targets]
            loss = multibox_loss(model(images), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")



if __name__ == "__main__":
    train(torch.load("train_shard_000.pt"))
