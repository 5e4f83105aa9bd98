# source: https://github.com/torchgeo/terratorch/pull/644
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Float'
# pattern: loss-target-dtype
# shape: class, batch-dict, loader-loop
# looks-like: loss-target-dtype
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Land-cover segmentation on Sentinel-2 chips; augmentations return float masks."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ChipDataset(Dataset):
    def __init__(self, chips, masks, flip_p=0.5):
        self.chips, self.masks, self.flip_p = chips, masks, flip_p

    def __len__(self):
        return len(self.chips)

    def __getitem__(self, i):
        image = torch.from_numpy(self.chips[i].astype(np.float32) / 10000.0)
        mask = torch.from_numpy(self.masks[i].astype(np.float32))[None]
        if np.random.rand() < self.flip_p:                 # joint flip keeps mask as a float channel
            image, mask = image.flip(-1), mask.flip(-1)
        return {"image": image, "mask": mask}


class LandCoverTask:
    def __init__(self, in_bands=6, num_classes=10, device="cuda"):
        self.device = torch.device(device if torch.cuda.is_available() else "cpu")
        self.model = nn.Sequential(
            nn.Conv2d(in_bands, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
            nn.Conv2d(64, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
            nn.Conv2d(64, num_classes, 1),
        ).to(self.device)
        self.criterion = nn.CrossEntropyLoss(ignore_index=255)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)

    def training_step(self, batch):
        x = batch["image"].to(self.device)
        y = batch["mask"].to(self.device).squeeze(1).long()
        y_hat = self.model(x)
        loss = self.criterion(y_hat, y)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()

    def fit(self, loader, epochs=5):
        for epoch in range(epochs):
            losses = [self.training_step(batch) for batch in loader]
            print(f"epoch {epoch}: {np.mean(losses):.4f}")


if __name__ == "__main__":
    chips = np.random.randint(0, 10000, size=(32, 6, 128, 128)).astype(np.uint16)
    masks = np.random.randint(0, 10, size=(32, 128, 128)).astype(np.uint8)
    LandCoverTask().fit(DataLoader(ChipDataset(chips, masks), batch_size=8, shuffle=True))
