# source: https://github.com/microsoft/nni/issues/2918
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-added-after-placement
# shape: helper, loader-loop
# bug-lines: 38, 64
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class QuantWrapper(nn.Module):
    def __init__(self, module, bits=8, decay=0.99):
        super().__init__()
        self.module = module
        self.bits = bits
        self.decay = decay
        self.register_buffer("tracked_min", torch.zeros(1))
        self.register_buffer("tracked_max", torch.zeros(1))

    def forward(self, x):
        if self.training:
            self.tracked_min.mul_(self.decay).add_((1 - self.decay) * x.detach().min())
            self.tracked_max.mul_(self.decay).add_((1 - self.decay) * x.detach().max())
        scale = (self.tracked_max - self.tracked_min).clamp(min=1e-8) / (2 ** self.bits - 1)
        q = torch.round((x - self.tracked_min) / scale) * scale + self.tracked_min
        x = x + (q - x).detach()
        return self.module(x)


def compress(model, layer_types=(nn.Conv2d, nn.Linear), bits=8):
    for name, child in list(model.named_children()):
        if isinstance(child, QuantWrapper):
            continue
        if isinstance(child, layer_types):
            setattr(model, name, QuantWrapper(child, bits=bits))
        else:
            compress(child, layer_types, bits)
    return model


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 20, 5, 1)
        self.conv2 = nn.Conv2d(20, 50, 5, 1)
        self.fc1 = nn.Linear(4 * 4 * 50, 500)
        self.fc2 = nn.Linear(500, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(x.flatten(1)))
        return F.log_softmax(self.fc2(x), dim=1)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dataset = TensorDataset(torch.randn(256, 1, 28, 28), torch.randint(0, 10, (256,)))
    loader = DataLoader(dataset, batch_size=32, shuffle=True)
    model = Net().to(device)
    model = compress(model, bits=8)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.5)
    model.train()
    for data, target in loader:
        data, target = data.to(device), target.to(device)
        optimizer.zero_grad()
        loss = F.nll_loss(model(data), target)
        loss.backward()
        optimizer.step()
    print("final loss", loss.item())


if __name__ == "__main__":
    main()
