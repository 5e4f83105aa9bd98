# source: https://github.com/torchgeo/torchgeo/issues/763
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train the crop-type classifier; normalization runs on the GPU after batching."""
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

from model import CropTypeNet
from transforms import build_gpu_transforms


class FieldPatches(Dataset):
    """Stand-in for the parcel patch dataset (raw uint16 reflectances as float)."""

    def __init__(self, n=256):
        self.images = torch.randint(0, 6000, (n, 13, 64, 64)).float()
        self.labels = torch.randint(0, 6, (n,))

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return {"image": self.images[i], "label": self.labels[i]}


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(FieldPatches(), batch_size=32, shuffle=True, num_workers=4)
    gpu_aug = build_gpu_transforms().to(device)
    model = CropTypeNet().to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=1e-2)

    for epoch in range(10):
        model.train()
        running = 0.0
        for batch in loader:
            x = batch["image"].to(device, non_blocking=True)
            y = batch["label"].to(device, non_blocking=True)
            x = gpu_aug(x)
            loss = F.cross_entropy(model(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            running += loss.item()
        print(f"epoch {epoch}: {running / len(loader):.4f}")


if __name__ == "__main__":
    main()
