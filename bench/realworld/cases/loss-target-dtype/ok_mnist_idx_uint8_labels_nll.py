# source: https://github.com/pytorch/pytorch/issues/59765
# error: RuntimeError: expected scalar type Long but found Byte
# shape: class, loader-loop, helper
# looks-like: loss-target-dtype
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


def read_idx_labels(raw_bytes):
    # idx1-ubyte: 8-byte header, then one unsigned byte per label
    return np.frombuffer(raw_bytes, np.uint8, offset=8)


class MnistDataset(Dataset):
    def __init__(self, n=32):
        header = (2049).to_bytes(4, "big") + n.to_bytes(4, "big")
        self.y_data = read_idx_labels(header + bytes(np.random.randint(0, 10, n, dtype=np.uint8)))
        self.x_data = np.random.rand(n, 1, 28, 28).astype(np.float32)

    def __len__(self):
        return len(self.y_data)

    def __getitem__(self, idx):
        # uint8 class indices: nll_loss accepts Byte targets for (N, C) inputs since PyTorch 1.10
        return torch.from_numpy(self.x_data[idx]), torch.tensor(self.y_data[idx])


class ModelM3(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, bias=False)
        self.bn = nn.BatchNorm2d(8)
        self.fc = nn.Linear(8 * 26 * 26, 10, bias=False)

    def forward(self, x):
        return F.log_softmax(self.fc(F.relu(self.bn(self.conv(x))).flatten(1)), dim=1)


def train_epoch(model, loader, optimizer, device):
    model.train()
    for data, target in loader:
        data, target = data.to(device), target.to(device)
        optimizer.zero_grad()
        loss = F.nll_loss(model(data), target)
        loss.backward()
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = ModelM3().to(device)
    loader = DataLoader(MnistDataset(), batch_size=8, shuffle=True)
    print(train_epoch(model, loader, torch.optim.Adam(model.parameters()), device))
