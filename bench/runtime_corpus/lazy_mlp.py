# source: https://github.com/pytorch/pytorch/blob/main/torch/nn/modules/lazy.py
#   (the LazyModuleMixin docstring: a LazyMLP moved with .cuda().double() before its dry run)
# what: lazy modules: nn.LazyLinear / LazyConv2d / LazyBatchNorm2d hold uninitialized
#   parameters and buffers until the first forward; the model is moved and cast while
#   they are uninitialized, the dry run materializes them on the GPU in float64, and an
#   optimizer made after the dry run trains them.
# shrunk: the docstring's LazyMLP plus a small lazy CNN, 2 steps each.
import torch
import torch.nn as nn


class LazyMLP(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.LazyLinear(10)
        self.relu1 = torch.nn.ReLU()
        self.fc2 = torch.nn.LazyLinear(1)
        self.relu2 = torch.nn.ReLU()

    def forward(self, input):
        x = self.relu1(self.fc1(input))
        return self.relu2(self.fc2(x))


lazy_mlp = LazyMLP()
lazy_mlp = lazy_mlp.cuda().double()
lazy_mlp(torch.ones(10, 10, device="cuda", dtype=torch.float64))
print(lazy_mlp.fc1.weight.device, lazy_mlp.fc1.weight.dtype)
optimizer = torch.optim.SGD(lazy_mlp.parameters(), lr=0.1)
for _ in range(2):
    loss = lazy_mlp(torch.randn(4, 10).cuda().double()).sum()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
cnn = nn.Sequential(
    nn.LazyConv2d(8, 3), nn.LazyBatchNorm2d(), nn.ReLU(), nn.Flatten(), nn.LazyLinear(4)
).to(device)
cnn(torch.randn(2, 3, 8, 8, device=device))  # dry run
optimizer = torch.optim.Adam(cnn.parameters(), lr=1e-3)
for _ in range(2):
    loss = nn.functional.cross_entropy(
        cnn(torch.randn(2, 3, 8, 8).to(device)), torch.tensor([0, 3]).to(device)
    )
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(loss.item())
