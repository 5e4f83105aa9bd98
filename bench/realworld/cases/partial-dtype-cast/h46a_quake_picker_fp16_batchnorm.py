# source: https://github.com/NVIDIA/apex/issues/133
# error: RuntimeError: expected scalar type Half but found Float
# pattern: partial-dtype-cast
# shape: helper, class, loader-loop
# looks-like: partial-dtype-cast
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class FloatBatchNorm(nn.Module):
    """Keeps a BatchNorm layer in fp32 inside an otherwise fp16 network."""

    def __init__(self, bn):
        super().__init__()
        self.bn = bn.float()

    def forward(self, x):
        return self.bn(x.float()).to(x.dtype)


def network_to_half(module):
    module.half()
    for name, child in module.named_children():
        if isinstance(child, nn.modules.batchnorm._BatchNorm):
            setattr(module, name, FloatBatchNorm(child))
        else:
            network_to_half(child)
    return module


class PhasePicker(nn.Module):
    """1-D CNN that classifies 3-component windows as P, S or noise."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(3, 16, 7, padding=3)
        self.bn1 = nn.BatchNorm1d(16)
        self.conv2 = nn.Conv1d(16, 32, 7, padding=3)
        self.bn2 = nn.BatchNorm1d(32, affine=False)
        self.head = nn.Linear(32, 3)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = torch.relu(self.bn2(self.conv2(x)))
        return self.head(x.mean(dim=-1))


def main():
    device = torch.device("cuda")
    model = network_to_half(PhasePicker().to(device))
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)
    windows = TensorDataset(torch.randn(512, 3, 3000), torch.randint(0, 3, (512,)))
    for batch, labels in DataLoader(windows, batch_size=32, shuffle=True):
        batch = batch.to(device).half()
        labels = labels.to(device)
        loss = nn.functional.cross_entropy(model(batch).float(), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"last loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
