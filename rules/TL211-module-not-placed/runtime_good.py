# The fixed twin of runtime_bad.py (docs/runtime.md): the model goes where its
# inputs go, and it runs clean on the simulated GPU.
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(16, 4)

    def forward(self, x):
        return self.fc(x)


def evaluate(batches, device):
    model = Net().to(device)
    for x in batches:
        x = x.to(device)
        print(model(x).argmax(-1))


if __name__ == "__main__":
    evaluate([torch.randn(2, 16)], torch.device("cuda"))
