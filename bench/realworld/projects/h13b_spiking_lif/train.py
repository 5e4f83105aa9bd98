# source: https://github.com/jeshraghian/snntorch/issues/316 https://github.com/jeshraghian/snntorch/issues/225
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

from model import SpikingMLP


class RateCodedDigits(Dataset):
    def __init__(self, npz_path, num_steps=25):
        data = np.load(npz_path)
        self.images = torch.from_numpy(data["images"]).float().div(255.0).flatten(1)
        self.labels = torch.from_numpy(data["labels"]).long()
        self.num_steps = num_steps

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        rates = self.images[idx].expand(self.num_steps, -1)
        return torch.bernoulli(rates), self.labels[idx]


def run_epoch(model, loader, optimizer, device):
    model.train()
    correct = 0
    for spikes, labels in loader:
        spikes = spikes.transpose(0, 1).to(device)
        labels = labels.to(device)
        spk_rec = model(spikes)
        logits = spk_rec.sum(dim=0)
        loss = F.cross_entropy(logits, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        correct += (logits.argmax(1) == labels).sum().item()
    return correct / len(loader.dataset)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_set = RateCodedDigits("data/mnist_train.npz")
    loader = DataLoader(train_set, batch_size=128, shuffle=True, drop_last=True)
    model = SpikingMLP().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-4)
    for epoch in range(5):
        acc = run_epoch(model, loader, optimizer, device)
        print(f"epoch {epoch}: train acc {acc:.3f}")


if __name__ == "__main__":
    main()
