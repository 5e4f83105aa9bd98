# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL211 --confirm rules/TL211-module-not-placed/runtime_bad.py
# The model stays on the CPU; its input goes to the (simulated) GPU: 'Expected all
# tensors to be on the same device'.
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(16, 4)

    def forward(self, x):
        return self.fc(x)


def evaluate(batches, device):
    model = Net()  # expect: TL211:13 lines=21,22
    for x in batches:
        x = x.to(device)
        print(model(x).argmax(-1))


if __name__ == "__main__":
    evaluate([torch.randn(2, 16)], torch.device("cuda"))
