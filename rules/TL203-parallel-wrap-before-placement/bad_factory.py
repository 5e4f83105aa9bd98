# A loader given the model's class builds it and wraps it in DataParallel, never
# placing it: on a machine with GPUs the wrapper's first call fails.
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
        model = nn.DataParallel(self.model)  # expect: TL203:17 lines=18,28
        model.module.load_state_dict(torch.load(path, map_location="cpu"))
        return model


def embed(model, batch):
    with torch.no_grad():
        return model(batch)


print(embed(Loader(FaceNet).load("facenet.pt"), torch.rand(4, 512)).shape)
