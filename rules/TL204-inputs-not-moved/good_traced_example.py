import torch
import torch.nn as nn
from torch.utils.tensorboard import SummaryWriter


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))

    def forward(self, x):
        return self.body(x)


# The example batches that the graph logger and the tracer run the models on are
# made on their device.
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = Classifier().to(device)
writer = SummaryWriter("runs/mnist")
writer.add_graph(model, torch.rand(8, 1, 28, 28, device=device))
head = nn.Linear(10, 2).to(device)
example = torch.rand(1, 10, device=device)
traced = torch.jit.trace(head, example)
