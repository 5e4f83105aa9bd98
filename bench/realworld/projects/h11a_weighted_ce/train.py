# source: https://github.com/pytorch/pytorch/issues/122757
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, helper, loader-loop, batch-dict
# bug-lines: 32, 43
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch

from data import make_loader
from losses import build_criterion
from model import SoundNet

NUM_CLASSES = 10


def load_split(path):
    blob = np.load(path)
    return blob["clips"], blob["labels"].tolist()


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_clips, train_labels = load_split("urban_train.npz")
    val_clips, val_labels = load_split("urban_val.npz")

    train_loader = make_loader(train_clips, train_labels)
    val_loader = make_loader(val_clips, val_labels, shuffle=False)

    model = SoundNet(NUM_CLASSES).to(device)
    criterion = build_criterion(train_labels, NUM_CLASSES, label_smoothing=0.05)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    for epoch in range(20):
        model.train()
        running = 0.0
        for batch in train_loader:
            spec = batch["spec"].to(device, non_blocking=True)
            label = batch["label"].to(device, non_blocking=True)
            optimizer.zero_grad()
            logits = model(spec)
            loss = criterion(logits, label)
            loss.backward()
            optimizer.step()
            running += loss.item()
        model.eval()
        correct = 0
        with torch.no_grad():
            for batch in val_loader:
                logits = model(batch["spec"].to(device))
                correct += (logits.argmax(1).cpu() == batch["label"]).sum().item()
        print(f"epoch {epoch}: loss {running / len(train_loader):.3f} val acc {correct / len(val_labels):.3f}")


if __name__ == "__main__":
    main()
