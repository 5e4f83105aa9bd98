# source: https://github.com/NVIDIA/apex/pull/459
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, class, loader-loop, batch-dict
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.nn.functional as F

from data import make_loader
from model import SmallUNet

CKPT = "unet_last.pt"


def save_checkpoint(model, optimizer, epoch):
    torch.save({"epoch": epoch, "model": model.state_dict(), "optim": optimizer.state_dict()}, CKPT)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SmallUNet(num_classes=2)
    start_epoch = 0
    checkpoint = None
    if os.path.exists(CKPT):
        checkpoint = torch.load(CKPT, map_location="cpu")
        model.load_state_dict(checkpoint["model"])

    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
    if checkpoint is not None:
        # load_state_dict casts the saved moments onto each param's current device
        optimizer.load_state_dict(checkpoint["optim"])
        start_epoch = checkpoint["epoch"] + 1

    loader = make_loader("building_tiles_train.npz")
    for epoch in range(start_epoch, start_epoch + 10):
        model.train()
        for batch in loader:
            tiles = batch["tile"].to(device)
            masks = batch["mask"].to(device)
            optimizer.zero_grad()
            loss = F.cross_entropy(model(tiles), masks)
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} last loss {loss.item():.4f}")
        save_checkpoint(model, optimizer, epoch)


if __name__ == "__main__":
    main()
