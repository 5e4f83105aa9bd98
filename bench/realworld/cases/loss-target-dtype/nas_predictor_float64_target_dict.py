# source: https://github.com/ultmaster/neuralpredictor.pytorch/issues/5
# error: RuntimeError: Found dtype Double but expected Float
# pattern: loss-target-dtype
# shape: class, batch-dict, loader-loop, helper
# bug-lines: 21, 66
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class Nb101Dataset(Dataset):
    MEAN, STD = 0.908192, 0.023961

    def __init__(self, n=20, num_vertices=7):
        rng = np.random.default_rng(0)
        self.adjacency = rng.integers(0, 2, (n, num_vertices, num_vertices)).astype(np.float32)
        self.features = rng.random((n, num_vertices, 5)).astype(np.float32)
        self.val_acc = rng.uniform(0.85, 0.95, n)

    @classmethod
    def normalize(cls, acc):
        return (acc - cls.MEAN) / cls.STD

    def __getitem__(self, index):
        return {"num_vertices": 7, "adjacency": self.adjacency[index],
                "operations": self.features[index],
                "val_acc": self.normalize(self.val_acc[index])}

    def __len__(self):
        return len(self.val_acc)


class NeuralPredictor(nn.Module):
    def __init__(self, gcn_hidden=16):
        super().__init__()
        self.gcn = nn.Linear(5, gcn_hidden)
        self.fc = nn.Linear(gcn_hidden, 1)

    def forward(self, inputs):
        h = torch.relu(torch.bmm(inputs["adjacency"], self.gcn(inputs["operations"])))
        return self.fc(h.mean(1)).view(-1)


def to_cuda(batch):
    if not torch.cuda.is_available():
        return batch
    return {k: v.cuda() if torch.is_tensor(v) else v for k, v in batch.items()}


net = NeuralPredictor()
if torch.cuda.is_available():
    net.cuda()
criterion = nn.MSELoss()
optimizer = torch.optim.Adam(net.parameters(), lr=1e-4, weight_decay=1e-3)
data_loader = DataLoader(Nb101Dataset(), batch_size=5, shuffle=True, drop_last=True)
net.train()
for epoch in range(2):
    for step, batch in enumerate(data_loader):
        batch = to_cuda(batch)
        target = batch["val_acc"]
        predict = net(batch)
        optimizer.zero_grad()
        loss = criterion(predict, target)
        loss.backward()
        optimizer.step()
