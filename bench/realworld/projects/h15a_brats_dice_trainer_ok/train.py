# source: https://github.com/cv-lee/BraTs/pull/10
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, helper, loader-loop
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train the 3D U-Net with dice loss; batches are dicts produced by the BraTS loader."""
import torch
from torch.utils.data import DataLoader, Dataset

from model import UNet3D
from utils import dice_loss, dice_per_region, to_device


class BraTSPatches(Dataset):
    def __init__(self, n=16, size=32):
        self.n, self.size = n, size

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        s = self.size
        mask = torch.randint(0, 5, (s, s, s))
        mask[mask == 3] = 4
        return {"image": torch.randn(4, s, s, s), "mask": mask, "case_id": f"BraTS20_{idx:03d}"}


def run_epoch(model, loader, optimizer, device, train=True):
    model.train(train)
    scores = []
    for batch in loader:
        batch = to_device(batch, device)
        with torch.set_grad_enabled(train):
            logits = model(batch["image"])
            loss = dice_loss(logits, batch["mask"])
        if train:
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        else:
            scores.append(dice_per_region(logits, batch["mask"]))
    return loss.item(), scores


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = UNet3D().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
    train_loader = DataLoader(BraTSPatches(), batch_size=2, shuffle=True, pin_memory=True)
    val_loader = DataLoader(BraTSPatches(n=4), batch_size=1)
    for epoch in range(2):
        train_loss, _ = run_epoch(model, train_loader, optimizer, device)
        _, val_scores = run_epoch(model, val_loader, optimizer, device, train=False)
        print(epoch, round(train_loss, 4), val_scores[0])
