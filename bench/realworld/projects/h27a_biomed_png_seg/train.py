# source: https://github.com/microsoft/BiomedParse/issues/90
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: integer-input
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 23
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from data import PngSliceDataset
from unet import SmallUNet


def train_one_epoch(model, loader, optimizer, criterion, device):
    model.train()
    running = 0.0
    for batch_idx, batch in enumerate(loader):
        images = batch["image"].to(device, non_blocking=True)
        masks = batch["mask"].to(device, non_blocking=True)
        optimizer.zero_grad(set_to_none=True)
        logits = model(images)
        loss = criterion(logits, masks)
        loss.backward()
        optimizer.step()
        running += loss.item()
        if batch_idx % 50 == 0:
            print(f"step {batch_idx}: loss {loss.item():.4f}")
    return running / max(len(loader), 1)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_ds = PngSliceDataset("data/abdomen_ct_png", split="train")
    loader = DataLoader(train_ds, batch_size=8, shuffle=True, num_workers=4, pin_memory=True)
    model = SmallUNet(in_ch=3, n_classes=4).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=1e-4)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(20):
        avg = train_one_epoch(model, loader, optimizer, criterion, device)
        print(f"epoch {epoch}: mean loss {avg:.4f}")
        torch.save(model.state_dict(), f"unet_epoch{epoch}.pt")


if __name__ == "__main__":
    main()
