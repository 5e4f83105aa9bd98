# source: https://github.com/nianticlabs/manydepth/issues/2
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: class, loader-loop, batch-dict
# looks-like: parallel-wrap-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
"""Multi-GPU self-supervised monocular depth trainer (monodepth-style)."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader


class ResnetEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(nn.Conv2d(3, 64, 7, 2, 3), nn.BatchNorm2d(64), nn.ReLU(),
                                    nn.Conv2d(64, 128, 3, 2, 1), nn.BatchNorm2d(128), nn.ReLU())

    def forward(self, x):
        return self.layers((x - 0.45) / 0.225)


class DepthDecoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(128, 64, 3, 1, 1), nn.ELU(), nn.Conv2d(64, 1, 3, 1, 1))

    def forward(self, feats):
        disp = torch.sigmoid(self.conv(feats))
        return F.interpolate(disp, scale_factor=4, mode="bilinear", align_corners=False)


class Trainer:
    def __init__(self, dataset, batch_size=12, lr=1e-4):
        self.models = {"encoder": ResnetEncoder(), "depth": DepthDecoder()}
        for name in list(self.models):
            self.models[name] = nn.DataParallel(self.models[name])
            self.models[name].cuda()
        params = [p for m in self.models.values() for p in m.parameters()]
        self.optimizer = torch.optim.Adam(params, lr=lr)
        self.loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=8, drop_last=True)

    def process_batch(self, inputs):
        for key, value in inputs.items():
            inputs[key] = value.cuda(non_blocking=True)
        disp = self.models["depth"](self.models["encoder"](inputs["color", 0]))
        # photometric proxy: reconstruct the next frame from the disparity-weighted current frame
        recon = inputs["color", 0] * disp + inputs["color", 1] * (1.0 - disp)
        loss = (recon - inputs["color", 1]).abs().mean() + 1e-3 * disp.mean()
        return disp, loss

    def run_epoch(self):
        for m in self.models.values():
            m.train()
        for batch_idx, inputs in enumerate(self.loader):
            _, loss = self.process_batch(inputs)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            if batch_idx % 200 == 0:
                print(f"batch {batch_idx}: loss {loss.item():.4f}")
