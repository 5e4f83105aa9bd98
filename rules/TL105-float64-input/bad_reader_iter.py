# A face detector's training reads its crops with a batch reader of its own: the class's
# `__iter__` is a generator that normalizes the uint8 crops in float64 (numpy's
# default for arithmetic with a float array) and yields them as tensors.
import numpy as np
import torch
import torch.nn as nn

MEAN = np.array([127.5, 127.5, 127.5])


class CropReader:
    def __init__(self, crops, batch_size=64):
        self.crops = crops
        self.batch_size = batch_size

    def __iter__(self):
        for start in range(0, len(self.crops), self.batch_size):
            batch = np.stack(self.crops[start : start + self.batch_size]).astype(np.float64)
            yield torch.from_numpy((batch - MEAN) / 128.0).permute(0, 3, 1, 2)  # expect: TL105:19 lines=27


def train(crops, epochs=2):
    net = nn.Sequential(nn.Conv2d(3, 10, 3), nn.PReLU(10), nn.Conv2d(10, 2, 1)).cuda()
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    for _ in range(epochs):
        for images in CropReader(crops):
            scores = net(images.cuda())
            loss = scores.mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
