# Runnable companion of good.py for the runtime check (docs/runtime.md): inputs made
# on the model's device, or moved there. Runs clean under simulated CUDA.
import torch
from torch import nn


def score(model, features):
    model.cuda()
    x = torch.tensor(features, dtype=torch.float32, device="cuda")
    return model(x)


def score_moved(model, features, device):
    model.to(device)
    x = torch.tensor(features, dtype=torch.float32)
    return model(x.to(device))


def scalar(model, x, device):
    # A 0-dim CPU tensor may join a CUDA op.
    model.to(device)
    return model(x.to(device)) * torch.tensor(0.5)


if __name__ == "__main__":
    classifier = nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 2))
    features = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]
    print(score(classifier, features).softmax(-1))
    print(score_moved(classifier, features, "cuda").softmax(-1))
    print(scalar(classifier, torch.ones(1, 3), torch.device("cuda")))
