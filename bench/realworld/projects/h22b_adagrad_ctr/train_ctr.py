# source: https://openillumi.com/en/en-pytorch-device-mismatch-fix
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop, batch-dict
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train (or resume) the FM model with Adagrad."""
import os

import torch
from torch.utils.data import DataLoader, Dataset

from ctr_model import FactorizationMachine

FIELD_DIMS = [1000, 500, 24, 7, 300]
CKPT = "fm_checkpoint.pt"


class ClickLog(Dataset):
    def __len__(self):
        return 10000

    def __getitem__(self, idx):
        fields = torch.tensor([torch.randint(0, d, ()).item() for d in FIELD_DIMS])
        return {"fields": fields, "clicked": torch.rand(()).lt(0.2).float()}


def build(device):
    model = FactorizationMachine(FIELD_DIMS, embed_dim=16)
    model.to(device)
    optimizer = torch.optim.Adagrad(model.parameters(), lr=0.05, initial_accumulator_value=0.1)
    start_epoch = 0
    if os.path.exists(CKPT):
        ckpt = torch.load(CKPT, map_location=device)
        model.load_state_dict(ckpt["model"])
        optimizer.load_state_dict(ckpt["optimizer"])
        start_epoch = ckpt["epoch"] + 1
    return model, optimizer, start_epoch


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model, optimizer, start_epoch = build(device)
    loader = DataLoader(ClickLog(), batch_size=256, shuffle=True)
    criterion = torch.nn.BCEWithLogitsLoss()
    for epoch in range(start_epoch, start_epoch + 3):
        for batch in loader:
            fields = batch["fields"].to(device)
            clicked = batch["clicked"].to(device)
            loss = criterion(model(fields), clicked)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}, CKPT)
        print(f"epoch {epoch} logloss {loss.item():.4f}")


if __name__ == "__main__":
    main()
