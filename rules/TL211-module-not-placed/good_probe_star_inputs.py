# The probe runs before the encoder is placed, on inputs made on the CPU: the
# head is moved as a whole afterwards.
import torch
import torch.nn as nn


class FrameEncoder(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.convs = nn.Sequential(nn.Conv2d(channels, 16, 5, stride=2), nn.ReLU(), nn.Flatten())

    def forward(self, frames):
        return self.convs(frames)


class EncoderFactory:
    def create(self, shape):
        return FrameEncoder(shape[0])


def output_size(shapes, encoder, device):
    with torch.no_grad():
        probes = [torch.zeros((1, *shape)) for shape in shapes]
        return encoder(*probes).shape[1]


def build_head(shape, n_actions, factory, device):
    encoder = factory.create(shape)
    width = output_size([shape], encoder, device)
    return nn.Sequential(encoder, nn.Linear(width, n_actions)).to(device)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    head = build_head((3, 64, 64), 6, EncoderFactory(), device)
