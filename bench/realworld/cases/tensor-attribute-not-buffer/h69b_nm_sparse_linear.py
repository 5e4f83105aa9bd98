# source: https://github.com/NVIDIA/apex/pull/1462
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 18, 29
# needs: torch
# cpu: no written where torch was not installed; not run
"""2:4 structured sparsity for a trained MLP, then sparse fine-tuning on the GPU."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class MaskedLinear(nn.Linear):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__(in_features, out_features, bias)
        self.mask = torch.ones_like(self.weight)

    @torch.no_grad()
    def prune_2to4(self):
        w = self.weight.abs().reshape(-1, 4)
        keep = torch.zeros_like(w, dtype=torch.bool)
        keep.scatter_(1, w.topk(2, dim=1).indices, True)
        self.mask.copy_(keep.reshape_as(self.weight).float())
        self.weight.mul_(self.mask)

    def forward(self, x):
        return F.linear(x, self.weight * self.mask, self.bias)


class SparseMLP(nn.Module):
    def __init__(self, dims=(784, 512, 256, 10)):
        super().__init__()
        self.layers = nn.ModuleList(MaskedLinear(a, b) for a, b in zip(dims[:-1], dims[1:]))

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = F.relu(layer(x))
        return self.layers[-1](x)

    def prune_trained_model(self):
        for layer in self.layers:
            layer.prune_2to4()


def main():
    model = SparseMLP()
    model.load_state_dict(torch.load("mlp_dense.pth", map_location="cpu"))
    model.prune_trained_model()
    model = model.cuda()

    data = torch.load("mnist_train.pt", map_location="cpu")
    loader = DataLoader(TensorDataset(data["x"].float().flatten(1) / 255, data["y"]), batch_size=256, shuffle=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    for x, y in loader:
        x, y = x.cuda(), y.cuda()
        loss = F.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    torch.save(model.state_dict(), "mlp_2to4.pth")


if __name__ == "__main__":
    main()
