# The samples are a plain list of dicts, batched by the DataLoader's default collate:
# its batches are CPU tensors, and the loop moves the ids but not the labels.
import torch
from torch import nn
from torch.utils.data import DataLoader


def samples(n=64, length=12):
    ids = torch.randint(0, 1000, (n, length))
    labels = torch.randint(0, 3, (n,))
    return [{"ids": ids[i], "label": labels[i]} for i in range(n)]


def train(model, device, epochs=2):
    loader = DataLoader(samples(), batch_size=16, shuffle=True)
    optimizer = torch.optim.Adam(model.parameters())
    for _ in range(epochs):
        for batch in loader:
            logits = model(batch["ids"].to(device)).mean(1)
            loss = nn.functional.cross_entropy(logits, batch["label"])  # expect: TL204:20 lines=10,28
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


if __name__ == "__main__":
    device = torch.device("cuda")
    train(nn.Sequential(nn.Embedding(1000, 32), nn.Linear(32, 3)).to(device), device)
