# source: https://github.com/BoltzmannEntropy/xtts2-ui/issues/28
# error: RuntimeError: Found no NVIDIA driver on your system
# pattern: hard-coded-cuda
# shape: top-level, loader-loop
# looks-like: hard-coded-cuda
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

USE_CUDA = torch.cuda.is_available()

features = np.load("speaker_embeddings.npy").astype(np.float32)
labels = np.load("speaker_labels.npy").astype(np.int64)
counts = np.bincount(labels)
class_weights = torch.tensor(counts.sum() / (len(counts) * counts), dtype=torch.float32)

model = nn.Sequential(nn.Linear(features.shape[1], 256), nn.ReLU(), nn.Dropout(0.2),
                      nn.Linear(256, len(counts)))
if USE_CUDA:
    model = model.cuda()
    class_weights = class_weights.cuda()
criterion = nn.CrossEntropyLoss(weight=class_weights)
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)

loader = DataLoader(TensorDataset(torch.from_numpy(features), torch.from_numpy(labels)),
                    batch_size=64, shuffle=True)
for epoch in range(20):
    running = 0.0
    for x, y in loader:
        if USE_CUDA:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
        loss = criterion(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        running += loss.item()
    print(f"epoch {epoch}: {running / len(loader):.4f}")

torch.save(model.state_dict(), "speaker_head.pt")
