# source: https://github.com/open-mmlab/mmdetection3d/issues/786
# error: RuntimeError: expected scalar type Half but found Float
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 39, 44, 45
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from h65a_model import PointPillarsDet
from h65a_voxelizer import PillarVoxelizer, collate_pillars


class KittiLidarFrames(Dataset):
    def __init__(self, num_frames=32):
        self.num_frames = num_frames
        self.voxelizer = PillarVoxelizer()

    def __len__(self):
        return self.num_frames

    def __getitem__(self, idx):
        pts = np.random.uniform([0, -40, -3, 0], [70, 40, 1, 1], size=(20000, 4)).astype(np.float32)
        return self.voxelizer(pts)


def to_device(batch, device):
    return {k: torch.from_numpy(v).to(device) if isinstance(v, np.ndarray) else v for k, v in batch.items()}


def main(args):
    device = torch.device("cuda")
    model = PointPillarsDet().to(device)
    if args.fp16:
        model = model.half()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-4)
    loader = DataLoader(KittiLidarFrames(), batch_size=2, collate_fn=collate_pillars)
    for epoch in range(args.epochs):
        for batch in loader:
            batch = to_device(batch, device)
            cls_preds, box_preds = model(batch)
            loss = cls_preds.float().sigmoid().mean() + box_preds.float().abs().mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--fp16", action="store_true", default=True)
    parser.add_argument("--epochs", type=int, default=2)
    main(parser.parse_args())
