import numpy as np
import torch
from torch import nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class PolicyNet(nn.Module):
    def __init__(self, size, device):
        super().__init__()
        self.fc = nn.Linear(size, size)
        self.to(device)

    def forward(self, x):
        return self.fc(x)


# AlphaZero-style self-play: the net follows the device that falls back to the CPU,
# the trainer's batches are sent to the GPU by name.
class Trainer:
    def __init__(self, model):
        self.model = model

    def train(self, examples):
        boards = torch.FloatTensor(np.array(examples))
        boards = boards.contiguous().cuda()  # expect: TL212:18 lines=27,12,5
        return self.model(boards)


# A loader loop in a function given the model: `.to("cuda")` is as hard-coded.
def evaluate(model, loader):
    for images, labels in loader:
        logits = model(images.to("cuda"))  # expect: TL212:24 lines=33,40
        print((logits.argmax(-1) == labels).float().mean())


if __name__ == "__main__":
    Trainer(PolicyNet(4, device)).train([[0.0] * 4])
    net = nn.Linear(4, 2)
    net.to("cuda" if torch.cuda.is_available() else "cpu")
    evaluate(net, [(torch.rand(3, 4), torch.tensor([0, 1, 1]))])
