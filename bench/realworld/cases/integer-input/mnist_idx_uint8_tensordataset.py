# source: https://github.com/pytorch/pytorch/issues/2458
# error: RuntimeError: Input type (Byte) and weight type (Float) should be the same
# pattern: integer-input
# shape: loader-loop, helper
# bug-lines: 51, 62
# cpu: raises "Input type (unsigned char) and bias type (float)"
# needs: numpy, torch

import numpy as np
import torch as th
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


def fake_idx_files(n=64, seed=0):
    rng = np.random.default_rng(seed)
    header_img = (2051).to_bytes(4, "big") + n.to_bytes(4, "big") + (28).to_bytes(4, "big") * 2
    header_lbl = (2049).to_bytes(4, "big") + n.to_bytes(4, "big")
    pixels = rng.integers(0, 256, size=n * 28 * 28, dtype=np.uint8).tobytes()
    labels = rng.integers(0, 10, size=n, dtype=np.uint8).tobytes()
    return bytearray(header_img + pixels), bytearray(header_lbl + labels)


def read_idx(image_buf, label_buf):
    images = np.frombuffer(image_buf, dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)
    labels = np.frombuffer(label_buf, dtype=np.uint8, offset=8).astype(np.int64)
    return images, labels


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.conv2 = nn.Conv2d(10, 20, kernel_size=5)
        self.fc1 = nn.Linear(320, 50)
        self.fc2 = nn.Linear(50, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2(x), 2))
        x = F.relu(self.fc1(x.view(-1, 320)))
        return F.log_softmax(self.fc2(x), dim=1)


use_cuda = th.cuda.is_available()
device = th.device("cuda" if use_cuda else "cpu")

image_buf, label_buf = fake_idx_files()
images, labels = read_idx(image_buf, label_buf)
train_set = TensorDataset(th.from_numpy(images), th.from_numpy(labels))
train_loader = DataLoader(train_set, batch_size=16, shuffle=True)

model = Net().to(device)
optimizer = th.optim.SGD(model.parameters(), lr=0.01, momentum=0.5)

for epoch in range(1, 3):
    model.train()
    for batch_idx, (data, target) in enumerate(train_loader):
        data, target = data.to(device), target.to(device)
        optimizer.zero_grad()
        output = model(data)
        loss = F.nll_loss(output, target)
        loss.backward()
        optimizer.step()
    print(f"epoch {epoch} loss {loss.item():.4f}")
