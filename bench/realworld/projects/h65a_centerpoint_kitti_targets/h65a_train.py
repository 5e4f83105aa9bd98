# source: https://github.com/tianweiy/CenterPoint-KITTI/issues/11
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, batch-dict, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

from h65a_detector import CenterPointBEV

VOXEL_SIZE = [0.16, 0.16, 4.0]
PC_RANGE = [0.0, -39.68, -3.0, 69.12, 39.68, 1.0]


class KittiBEVDataset(Dataset):
    """Pre-rasterised BEV pillars plus padded gt boxes (x, y, z, dx, dy, dz, yaw, cls)."""

    def __init__(self, num_frames=64, max_objs=20):
        self.num_frames, self.max_objs = num_frames, max_objs

    def __len__(self):
        return self.num_frames

    def __getitem__(self, idx):
        bev = np.random.rand(64, 496, 432).astype(np.float32)
        boxes = np.zeros((self.max_objs, 8), dtype=np.float32)
        boxes[:3] = [[20.0, 0.5, -1.0, 3.9, 1.6, 1.5, 0.1, 1]] * 3
        return {'bev_features': bev, 'gt_boxes': boxes, 'frame_id': '%06d' % idx}


def collate_batch(samples):
    batch = {k: np.stack([s[k] for s in samples]) for k in ('bev_features', 'gt_boxes')}
    batch['frame_id'] = [s['frame_id'] for s in samples]
    batch['batch_size'] = len(samples)
    return batch


def load_data_to_gpu(batch_dict):
    for key, val in batch_dict.items():
        if isinstance(val, np.ndarray):
            batch_dict[key] = torch.from_numpy(val).float().cuda()


def model_func(model, batch_dict):
    load_data_to_gpu(batch_dict)
    out = model(batch_dict)
    hm = torch.sigmoid(out['pred_hm']).clamp(1e-4, 1 - 1e-4)
    return F.binary_cross_entropy(hm, out['target_hm'])


def train_one_epoch(model, loader, optimizer):
    model.train()
    for batch in loader:
        loss = model_func(model, batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == '__main__':
    model = CenterPointBEV(64, num_classes=3, voxel_size=VOXEL_SIZE, pc_range=PC_RANGE).cuda()
    loader = DataLoader(KittiBEVDataset(), batch_size=2, shuffle=True, collate_fn=collate_batch)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    for epoch in range(2):
        train_one_epoch(model, loader, optimizer)
