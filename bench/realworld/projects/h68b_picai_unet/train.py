# source: https://github.com/DIAGNijmegen/picai_baseline/issues/53
# error: RuntimeError: one_hot is only applicable to index tensor.
# pattern: loss-target-dtype
# shape: multi-file, loader-loop
# needs: torch, monai
# cpu: no written where torch was not installed; not run
"""Train the csPCa detection U-Net on one cross-validation fold."""
import json

import torch
from monai.networks.nets import UNet
from torch.utils.data import DataLoader

from data import ProstateLesionDataset
from losses import FocalLoss


def optimize_model(model, loader, loss_fn, optimizer, device):
    model.train()
    epoch_loss = 0.0
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        optimizer.zero_grad()
        outputs = model(images)
        loss = loss_fn(outputs, labels)
        loss.backward()
        optimizer.step()
        epoch_loss += loss.item()
    return epoch_loss / len(loader)


def main(split_file="splits/fold_0.json", epochs=100):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    with open(split_file) as fh:
        train_cases = json.load(fh)["train"]
    loader = DataLoader(ProstateLesionDataset(train_cases), batch_size=4, shuffle=True, num_workers=4)
    model = UNet(spatial_dims=3, in_channels=3, out_channels=2,
                 channels=(32, 64, 128, 256), strides=(2, 2, 2)).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, amsgrad=True)
    loss_fn = FocalLoss(num_classes=2).to(device)
    for epoch in range(epochs):
        print(f"epoch {epoch}: loss {optimize_model(model, loader, loss_fn, optimizer, device):.4f}")
        torch.save(model.state_dict(), "unet_fold0.pt")


if __name__ == "__main__":
    main()
