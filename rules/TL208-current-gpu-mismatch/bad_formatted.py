import torch
import torch.nn as nn


class Blend(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.weights = nn.Linear(3, 4)

    def forward(self, points, anchors):
        return self.weights(points).softmax(-1) @ anchors


def fit(net, batches, device):
    for points, anchors in batches:
        points = points.to(device)
        if torch.cuda.is_available():
            anchors = anchors.cuda()  # expect: TL208:23 lines=25,19
        net(points, anchors).sum().backward()


def launch(gpu_id, batches):
    # The GPU is picked by a formatted string: not the current one.
    device = torch.device("cuda:%d" % gpu_id)
    net = Blend().to(device)
    fit(net, batches, device)


def launch_format(rank, batches):
    device = "cuda:{}".format(rank)
    net = Blend().to(device)
    fit(net, batches, device)
