# source: https://github.com/celantur/panoptic_segm_demo/issues/1
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: batch-dict, class, loader-loop
# bug-lines: 23, 33, 52
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Custom dataset mapper + semantic-segmentation branch of a panoptic FPN, detectron2-style batched dicts."""
import json

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader


class PanopticSemSegMapper:
    """Turns one dataset record into the dict the model consumes."""

    def __init__(self, stuff_ids):
        self.lut = np.full(256, 255, dtype=np.int32)
        for contiguous_id, raw_id in enumerate(stuff_ids):
            self.lut[raw_id] = contiguous_id

    def __call__(self, record):
        image = np.asarray(Image.open(record["file_name"]).convert("RGB"), dtype=np.float32)
        sem_raw = np.asarray(Image.open(record["sem_seg_file_name"]))
        sem_seg = self.lut[sem_raw]
        return {
            "image": torch.as_tensor(np.ascontiguousarray(image.transpose(2, 0, 1))),
            "sem_seg": torch.as_tensor(sem_seg),
            "height": image.shape[0], "width": image.shape[1],
        }


class SemSegFPNHead(nn.Module):
    def __init__(self, in_channels=3, num_classes=54, ignore_value=255):
        super().__init__()
        self.ignore_value = ignore_value
        self.convs = nn.Sequential(nn.Conv2d(in_channels, 128, 3, padding=1), nn.GroupNorm(32, 128), nn.ReLU())
        self.predictor = nn.Conv2d(128, num_classes, 1)

    def forward(self, features, targets=None):
        logits = self.predictor(self.convs(features))
        if self.training:
            return None, self.losses(logits, targets)
        return logits, {}

    def losses(self, logits, targets):
        loss = F.cross_entropy(logits, targets, reduction="mean", ignore_index=self.ignore_value)
        return {"loss_sem_seg": loss}


class PanopticFPNLite(nn.Module):
    def __init__(self, sem_seg_head):
        super().__init__()
        self.sem_seg_head = sem_seg_head
        self.register_buffer("pixel_mean", torch.tensor([103.53, 116.28, 123.675]).view(-1, 1, 1), False)

    def forward(self, batched_inputs):
        device = self.pixel_mean.device
        images = torch.stack([x["image"].to(device) - self.pixel_mean for x in batched_inputs])
        gt_sem_seg = torch.stack([x["sem_seg"].to(device) for x in batched_inputs])
        _, losses = self.sem_seg_head(images, gt_sem_seg)
        return losses


if __name__ == "__main__":
    records = json.load(open("datasets/panoptic_train_records.json"))
    mapper = PanopticSemSegMapper(stuff_ids=list(range(92, 146)))
    loader = DataLoader(records, batch_size=4, shuffle=True, collate_fn=lambda recs: [mapper(r) for r in recs])
    model = PanopticFPNLite(SemSegFPNHead()).cuda().train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.02, momentum=0.9)
    for batched_inputs in loader:
        loss = sum(model(batched_inputs).values())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
