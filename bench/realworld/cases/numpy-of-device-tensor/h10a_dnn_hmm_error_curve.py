# source: https://github.com/ry-takashima/python_asr/issues/1
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# shape: loader-loop, batch-dict, top-level
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, matplotlib
# cpu: no written where torch was not installed; not run
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

feats = torch.from_numpy(np.load("exp/train_feats.npy").astype(np.float32))
states = torch.from_numpy(np.load("exp/train_states.npy").astype(np.int64))
n = int(len(feats) * 0.9)
loaders = {
    "train": DataLoader(TensorDataset(feats[:n], states[:n]), batch_size=256, shuffle=True),
    "validation": DataLoader(TensorDataset(feats[n:], states[n:]), batch_size=256),
}

model = nn.Sequential(nn.Linear(feats.shape[1], 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(),
                      nn.Linear(512, int(states.max()) + 1)).to(device)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)

loss_history = {"train": [], "validation": []}
error_history = {"train": [], "validation": []}
for epoch in range(20):
    for phase in ["train", "validation"]:
        model.train(phase == "train")
        total_loss, total_error, total = 0.0, 0, 0
        for x, y in loaders[phase]:
            x, y = x.to(device), y.to(device)
            with torch.set_grad_enabled(phase == "train"):
                out = model(x)
                loss = criterion(out, y)
                if phase == "train":
                    optimizer.zero_grad()
                    loss.backward()
                    optimizer.step()
            total_loss += loss.item() * x.size(0)
            total_error += (out.argmax(1) != y).sum().item()
            total += x.size(0)
        loss_history[phase].append(total_loss / total)
        error_history[phase].append(100.0 * total_error / total)
    print(f"epoch {epoch}: train err {error_history['train'][-1]:.2f}%  valid err {error_history['validation'][-1]:.2f}%")

plt.figure(figsize=(10, 4))
for phase in ["train", "validation"]:
    plt.plot(np.arange(1, len(error_history[phase]) + 1), np.array(error_history[phase]), label=phase + " error")
plt.xlabel("Epoch")
plt.ylabel("Error [%]")
plt.legend()
plt.savefig("exp/error.png")
