# The mapper converts the masks to int64 class indices, as cross_entropy wants.
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader


class RecordMapper:
    def __init__(self, class_ids):
        self.lut = np.full(256, 255, dtype=np.int32)
        for new_id, raw_id in enumerate(class_ids):
            self.lut[raw_id] = new_id

    def __call__(self, record):
        raw = np.asarray(record["mask"], dtype=np.uint8)
        return {
            "image": torch.as_tensor(np.asarray(record["image"], dtype=np.float32)),
            "sem_seg": torch.as_tensor(self.lut[raw], dtype=torch.long),
        }


class SegHead(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.conv = nn.Conv2d(3, classes, 1)

    def forward(self, batched):
        images = torch.stack([x["image"] for x in batched])
        masks = torch.stack([x["sem_seg"] for x in batched])
        return F.cross_entropy(self.conv(images), masks, ignore_index=255)


if __name__ == "__main__":
    mapper = RecordMapper(range(10, 20))
    records = [{"image": np.zeros((3, 8, 8)), "mask": np.zeros((8, 8))}]
    loader = DataLoader(records, batch_size=1, collate_fn=lambda rs: [mapper(r) for r in rs])
    model = SegHead(10)
    for batched in loader:
        model(batched).backward()
