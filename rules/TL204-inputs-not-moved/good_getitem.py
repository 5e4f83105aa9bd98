# The items are moved where the model is, or the model stays on the CPU.
import torch
from torch import nn
from torch.utils.data import Dataset


class ClipReader:
    def __init__(self, paths, frames=8):
        self.paths = list(paths)
        self.frames = frames

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        clip = torch.randn(self.frames, 3, 112, 112)
        return self.paths[i], clip


class Spectrograms(Dataset):
    def __len__(self):
        return 100

    def __getitem__(self, i):
        return torch.randn(1, 128, 64), i % 10


def score_clips(net, reader, device):
    net.to(device).eval()
    scores = []
    for i in range(len(reader)):
        path, clip = reader[i]
        scores.append((path, net(clip.flatten(1).to(device))))
    return scores


def first_prediction(net, data, device):
    net = net.to(device)
    spec, _ = data[0]
    return net(spec.unsqueeze(0).to(device))


def cpu_prediction(net, data):
    spec, _ = data[0]
    return net(spec.unsqueeze(0))


if __name__ == "__main__":
    dev = torch.device("cuda")
    score_clips(nn.Linear(3 * 112 * 112, 4), ClipReader(["a.mp4", "b.mp4"]), dev)
    first_prediction(nn.Conv2d(1, 8, 3), Spectrograms(), dev)
    cpu_prediction(nn.Conv2d(1, 8, 3), Spectrograms())
