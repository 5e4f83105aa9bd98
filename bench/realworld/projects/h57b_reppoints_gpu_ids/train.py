# source: https://github.com/open-mmlab/mmdetection/issues/3828
# error: RuntimeError: expected device cuda:1 but got device cuda:0
# pattern: current-gpu-mismatch
# shape: multi-file, loader-loop, batch-dict
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Train a RepPoints detector on COCO on a chosen GPU: python train.py --gpu-ids 1"""
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision.datasets import CocoDetection
from torchvision.models import resnet50
from torchvision.ops import FeaturePyramidNetwork
from torchvision.transforms.functional import pil_to_tensor, resize

from reppoints_head import RepPointsHead


class RepPointsDetector(nn.Module):
    def __init__(self, num_classes=80):
        super().__init__()
        r = resnet50(weights="IMAGENET1K_V1")
        self.stem = nn.Sequential(r.conv1, r.bn1, r.relu, r.maxpool)
        self.stages = nn.ModuleList([r.layer1, r.layer2, r.layer3, r.layer4])
        self.fpn = FeaturePyramidNetwork([512, 1024, 2048], 256)
        self.head = RepPointsHead(num_classes, point_strides=(8, 16, 32))

    def forward(self, img, gt_bboxes, gt_labels):
        x, feats = self.stem(img), []
        for stage in self.stages:
            x = stage(x)
            feats.append(x)
        fpn_feats = list(self.fpn({str(i): f for i, f in enumerate(feats[1:])}).values())
        cls_scores, pts_preds = self.head(fpn_feats)
        return self.head.loss(cls_scores, pts_preds, gt_bboxes, gt_labels)


def collate(samples):
    imgs, boxes, labels = [], [], []
    for img, anns in samples:
        sx, sy = 800 / img.width, 800 / img.height
        imgs.append(resize(pil_to_tensor(img), [800, 800]).float() / 255.0)
        b = torch.tensor([a["bbox"] for a in anns], dtype=torch.float32).reshape(-1, 4)
        boxes.append(torch.stack([b[:, 0] * sx, b[:, 1] * sy, (b[:, 0] + b[:, 2]) * sx, (b[:, 1] + b[:, 3]) * sy], 1))
        labels.append(torch.tensor([a["category_id"] % 80 for a in anns], dtype=torch.int64))
    return {"img": torch.stack(imgs), "gt_bboxes": boxes, "gt_labels": labels}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-root", default="data/coco")
    parser.add_argument("--gpu-ids", type=int, nargs="+", default=[0])
    args = parser.parse_args()

    gpu = args.gpu_ids[0]
    model = RepPointsDetector(num_classes=80).cuda(gpu)
    dataset = CocoDetection(f"{args.data_root}/train2017", f"{args.data_root}/annotations/instances_train2017.json")
    loader = DataLoader(dataset, batch_size=2, shuffle=True, num_workers=4, collate_fn=collate)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)

    for epoch in range(24):
        for batch in loader:
            img = batch["img"].cuda(gpu, non_blocking=True)
            gt_bboxes = [b.cuda(gpu) for b in batch["gt_bboxes"]]
            gt_labels = [l.cuda(gpu) for l in batch["gt_labels"]]
            loss = model(img, gt_bboxes, gt_labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


if __name__ == "__main__":
    main()
