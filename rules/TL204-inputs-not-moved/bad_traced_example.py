import torch
import torch.nn as nn
from torch.utils.tensorboard import SummaryWriter


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))

    def forward(self, x):
        return self.body(x)


# The models are on the GPU; the example batches that the graph logger and the
# tracer run them on are made on the CPU.
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = Classifier().to(device)
writer = SummaryWriter("runs/mnist")
writer.add_graph(model, torch.rand(8, 1, 28, 28))  # expect: TL204:25 lines=20,18
head = nn.Linear(10, 2).to(device)
example = torch.rand(1, 10)
traced = torch.jit.trace(head, example)  # expect: TL204:32 lines=22,21
