# Only the encoder is cast to float16, by a helper; the encoder's half features pass
# a pooling layer (which keeps their dtype) into the float32 classifier.
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
        return self.classifier(self.encoder(images))  # expect: TL107:32 lines=14


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


class QueryEncoder(nn.Module):
    # Each part is cast to the dtype it is given; the model as a whole only moves.
    def __init__(self, dtype):
        super().__init__()
        self.embed = nn.Linear(32, 32).to(dtype)
        self.attend = nn.MultiheadAttention(32, 4, batch_first=True).to(dtype)

    def forward(self, queries):
        keys = self.embed(queries)
        attended, _ = self.attend(keys, keys, keys)
        return attended


def load_encoder(device):
    return QueryEncoder(torch.float16).to(device=device)


def encode(encoder, queries, device):
    return encoder(queries.to(device))  # expect: TL107:20 lines=70,55,51


def encode_script():
    device = "cuda"
    queries = torch.randn(2, 8, 32)
    return encode(load_encoder(device), queries, device)


class Sampler(nn.Module):
    def __init__(self):
        super().__init__()
        self.denoiser = nn.Conv2d(4, 4, 3, padding=1)
        self.decoder = nn.Conv2d(4, 3, 1)


def load_sampler(device):
    # The denoiser alone is cast (before the whole is moved: it stays half), while
    # the rest of the sampler and its latents stay float32: the partial cast is the
    # line to change.
    sampler = Sampler()
    sampler.denoiser.half()  # expect: TL107:5 lines=93
    return sampler.to(device).eval()


def denoise(sampler, device, steps=2):
    latents = torch.randn(1, 4, 8, 8, device=device)
    for _ in range(steps):
        latents = latents - 0.1 * sampler.denoiser(latents)
    return latents


def sample_script(device):
    return denoise(load_sampler(device), device)
