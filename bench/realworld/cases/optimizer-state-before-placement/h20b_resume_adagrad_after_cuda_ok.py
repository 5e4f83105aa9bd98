# source: https://github.com/jwyang/faster-rcnn.pytorch/issues/222
# error: RuntimeError: expected backend CPU and dtype Float but got backend CUDA and dtype Float
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
"""Resume a text-classifier run: the model is placed before the optimizer and its state are built."""
import argparse
import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab=20000, dim=128, n_classes=4):
        super().__init__()
        self.embed = nn.EmbeddingBag(vocab, dim, mode="mean")
        self.fc = nn.Linear(dim, n_classes)

    def forward(self, tokens):
        return self.fc(self.embed(tokens))


def build(args, device):
    model = BagOfEmbeddings()
    start_epoch = 0
    checkpoint = None
    if args.resume and os.path.isfile(args.resume):
        checkpoint = torch.load(args.resume, map_location="cpu")
        model.load_state_dict(checkpoint["model"])
        start_epoch = checkpoint["epoch"]
    model.to(device)
    optimizer = torch.optim.Adagrad(model.parameters(), lr=args.lr)
    if checkpoint is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return model, optimizer, start_epoch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--resume", default="")
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model, optimizer, start_epoch = build(args, device)
    data = TensorDataset(torch.randint(0, 20000, (512, 40)), torch.randint(0, 4, (512,)))
    loader = DataLoader(data, batch_size=32, shuffle=True)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(start_epoch, args.epochs):
        for tokens, labels in loader:
            tokens, labels = tokens.to(device), labels.to(device)
            loss = criterion(model(tokens), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "epoch": epoch + 1}, "bag_ckpt.pt")
        print(f"epoch {epoch} done, last loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
