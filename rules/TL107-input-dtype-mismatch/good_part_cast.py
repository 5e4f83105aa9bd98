# The half features are brought back to float32 before the classifier.
import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self, dim=16, n=4):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(dim, n)

    def forward(self, feats):
        return self.fc(self.pool(feats).flatten(1))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Conv2d(3, 16, 3, padding=1)
        self.classifier = Classifier()
        self.half_inputs = False

    def predict(self, images):
        if self.half_inputs:
            images = images.half()
        return self.classifier(self.encoder(images).float())


def speed_up(net):
    net.encoder.half()
    net.half_inputs = True


def evaluate(net, batches, device):
    net.to(device)
    speed_up(net)
    with torch.no_grad():
        return [net.predict(x.to(device)).argmax(-1) for x in batches]


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    print(evaluate(Net(), [torch.rand(2, 3, 8, 8)], device))


class Trunk(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3)

    def forward(self, x):
        return self.stem(x)


class TrunkAndHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = Trunk()
        self.head = nn.Linear(8, 2)


def half_trunk(model):
    # Only the trunk is cast: its own layers with it.
    model.trunk.half()


def run_trunk(images, device):
    model = TrunkAndHead().to(device)
    half_trunk(model)
    return model.trunk(images.to(device).half())


class Sampler(nn.Module):
    def __init__(self):
        super().__init__()
        self.denoiser = nn.Conv2d(4, 4, 3, padding=1)
        self.decoder = nn.Conv2d(4, 3, 1)


def load_sampler(device):
    # The denoiser is cast before the whole is moved: it stays half.
    sampler = Sampler()
    sampler.denoiser.half()
    return sampler.to(device).eval()


def denoise(sampler, device, steps=2):
    latents = torch.randn(1, 4, 8, 8, device=device, dtype=torch.float16)
    for _ in range(steps):
        latents = latents - 0.1 * sampler.denoiser(latents)
    return latents


def sample_script(device):
    return denoise(load_sampler(device), device)
