# source: https://github.com/pytorch/pytorch/issues/15005
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: class, loader-loop
# bug-lines: 18
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class MultiTaskNet(nn.Module):
    def __init__(self, input_features, num_classes):
        super().__init__()
        self.shared = nn.Sequential(nn.Linear(input_features, 64), nn.ReLU())
        self.softmaxes = []
        for n in num_classes:
            self.softmaxes.append(nn.Linear(64, n))

    def forward(self, batch_in):
        h = self.shared(batch_in)
        return [head(h) for head in self.softmaxes]


if __name__ == "__main__":
    num_classes = [5, 2, 10, 3]
    input_features, train_samples = 100, 256
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    X = np.random.rand(train_samples, input_features).astype(np.float32)
    ys = [np.random.randint(0, c, train_samples) for c in num_classes]
    dataset = TensorDataset(torch.from_numpy(X), *[torch.from_numpy(y) for y in ys])
    loader = DataLoader(dataset, batch_size=32, shuffle=True)

    model = MultiTaskNet(input_features, num_classes).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    for epoch in range(2):
        for x, *targets in loader:
            x = x.to(device)
            outputs = model(x)
            loss = sum(nn.functional.cross_entropy(o, t.to(device)) for o, t in zip(outputs, targets))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(epoch, loss.item())
