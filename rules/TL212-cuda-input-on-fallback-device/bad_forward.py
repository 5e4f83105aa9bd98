import torch
import torch.nn.functional as F
from torch import nn


def neighbours(x, k):
    """A helper the model's forward calls: the index base is made on "cuda"."""
    idx = (x.transpose(2, 1) @ x).topk(k, dim=-1)[1]
    cuda = torch.device("cuda")
    base = torch.arange(0, x.shape[0], device=cuda).view(-1, 1, 1)  # expect: TL212:12 lines=34,39,38
    return (idx + base).view(-1)


class EdgeConv(nn.Module):
    def __init__(self, k=4, classes=3, confidence=0.0):
        super().__init__()
        self.k = k
        self.confidence = confidence
        self.head = nn.Linear(k, classes)
        self.classes = classes

    def forward(self, points):
        idx = neighbours(points, self.k)
        logits = self.head(points.flatten(1)[:, : self.k])
        probs = F.softmax(logits, dim=-1)
        if self.confidence > 0:
            # A bias for the first class, made on the GPU by its type.
            bias = [self.confidence] + [0.0] * (self.classes - 1)
            probs = probs + torch.cuda.FloatTensor(bias)  # expect: TL212:29 lines=34,39,38
        return probs, idx


def predict(model, points, device):
    return model(points.to(device))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = EdgeConv(confidence=0.2).to(device)
    print(predict(net, torch.rand(2, 3, 8), device))
