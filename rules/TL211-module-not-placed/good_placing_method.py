# A pipeline object whose own method places its models (not named `to`): the caller
# runs it before the pipeline is called, so the models are on the inputs' device.
import torch
import torch.nn as nn


class Pipeline:
    def __init__(self):
        self.encoder = nn.Linear(16, 8)
        self.head = nn.Linear(8, 2)

    def to_device(self, device):
        self.device = device
        self.encoder.to(device)
        self.head = self.head.to(device)
        return self

    def __call__(self, features):
        return self.head(self.encoder(features.to(self.device)))


pipe = Pipeline().to_device(torch.device("cuda"))
print(pipe(torch.randn(4, 16)).shape)
