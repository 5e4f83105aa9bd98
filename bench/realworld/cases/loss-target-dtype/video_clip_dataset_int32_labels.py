# source: https://github.com/jfzhang95/pytorch-video-recognition/issues/71
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: class, loader-loop, helper
# bug-lines: 24, 56
# cpu: raises "expected target dtype to be Long or Byte, but got Int"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ClipDataset(Dataset):
    """Folder-of-videos dataset: label names are mapped to indices once."""

    def __init__(self, num_videos=24, clip_len=4, crop=16):
        self.clip_len = clip_len
        self.crop = crop
        names = ["ApplyEyeMakeup", "Archery", "Basketball"]
        labels = [names[i % len(names)] for i in range(num_videos)]
        self.label2index = {name: i for i, name in enumerate(sorted(set(labels)))}
        # np.array(..., dtype=int) is int32 on Windows; spelled out here
        self.label_array = np.array([self.label2index[l] for l in labels], dtype=np.int32)

    def load_frames(self, index):
        rng = np.random.default_rng(index)
        return rng.random((self.clip_len, self.crop, self.crop, 3), dtype=np.float32)

    def __getitem__(self, index):
        buffer = self.load_frames(index).transpose((3, 0, 1, 2))
        labels = np.array(self.label_array[index])
        return torch.from_numpy(np.ascontiguousarray(buffer)), torch.from_numpy(labels)

    def __len__(self):
        return len(self.label_array)


class TinyC3D(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.conv = nn.Conv3d(3, 8, kernel_size=3, padding=1)
        self.pool = nn.AdaptiveAvgPool3d(1)
        self.fc = nn.Linear(8, num_classes)

    def forward(self, x):
        return self.fc(self.pool(torch.relu(self.conv(x))).flatten(1))


def train_model(model, loader, criterion, optimizer, device):
    model.train()
    for inputs, labels in loader:
        inputs = inputs.to(device)
        labels = labels.to(device)
        outputs = model(inputs)
        loss = criterion(outputs, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    train_data = ClipDataset()
    loader = DataLoader(train_data, batch_size=8, shuffle=True)
    model = TinyC3D(num_classes=3).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)
    train_model(model, loader, nn.CrossEntropyLoss(), optimizer, device)
