import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Linear(16, 32)
        self.head = nn.Linear(32, 2)

    def forward(self, x):
        return self.head(self.body(x))


def batches():
    return DataLoader(TensorDataset(torch.randn(32, 16), torch.randint(0, 2, (32,))))


# A recursive mover that takes the device: every member goes where the model is.
def move_to(obj, device):
    if torch.is_tensor(obj):
        return obj.to(device)
    if isinstance(obj, dict):
        return {k: move_to(v, device) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [move_to(v, device) for v in obj]
    return obj


def train(local_rank):
    device = torch.device(f"cuda:{local_rank}")
    model = Net().to(device)
    for batch in batches():
        x, y = move_to(batch, device)
        model(x)


# The mover follows the model's own parameters, wherever they are.
def evaluate(args):
    model = Net().to(args.device)
    for batch in batches():
        x, _ = move_to(batch, next(model.parameters()).device)
        model(x)


# `.cuda()` members for a model on `.cuda()`: the same current GPU.
def to_cuda(obj):
    if isinstance(obj, dict):
        return {k: to_cuda(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_cuda(v) for v in obj)
    return obj.cuda()


def predict():
    model = Net().cuda()
    for x, _ in batches():
        model(**to_cuda({"x": x}))
