# The same loader places the model it builds before wrapping it.
import torch
import torch.nn as nn


class FaceNet(nn.Module):
    def __init__(self, dim=128):
        super().__init__()
        self.embed = nn.Linear(512, dim)

    def forward(self, x):
        return self.embed(x)


class Loader:
    def __init__(self, backbone):
        self.model = backbone()

    def load(self, path):
        model = nn.DataParallel(self.model.cuda())
        model.module.load_state_dict(torch.load(path, map_location="cpu"))
        return model


def embed(model, batch):
    with torch.no_grad():
        return model(batch)


print(embed(Loader(FaceNet).load("facenet.pt"), torch.rand(4, 512)).shape)
