# A frozen scorer is kept out of the registry with `object.__setattr__` (so that it
# stays out of `parameters()` and the checkpoint), and the class moves it in its own
# `cuda()`; the script moves the model with `.to(device)`, which does not call
# `cuda()`, so the scorer stays on the CPU and its first call on GPU images fails.
import torch
import torch.nn.functional as F
from torch import nn


class Scorer(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(3, 16, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1))

    def forward(self, images):
        return self.net(images).flatten(1)


class GuidedGenerator(nn.Module):
    def __init__(self):
        super().__init__()
        self.decoder = nn.ConvTranspose2d(8, 3, 4, stride=2, padding=1)
        scorer = Scorer().eval()
        object.__setattr__(self, "scorer", scorer)  # expect: TL302:9 lines=23,39,33

    def cuda(self, device=None):
        self.scorer.cuda(device)
        return super().cuda(device)

    def forward(self, latents):
        images = torch.tanh(self.decoder(latents))
        with torch.no_grad():
            target = self.scorer(images)
        return images, target


def train(latent_batches):
    device = torch.device("cuda")
    model = GuidedGenerator().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-4)
    for latents in latent_batches:
        images, target = model(latents.to(device))
        loss = F.mse_loss(images.mean((2, 3)), target[:, :3])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


# The frozen teacher's parts are called by key: each is left on the CPU as well.
class Distiller(nn.Module):
    def __init__(self):
        super().__init__()
        self.student = nn.Linear(32, 10)
        teacher = nn.ModuleDict({"body": nn.Linear(32, 64), "head": nn.Linear(64, 10)})
        object.__setattr__(self, "teacher", teacher)  # expect: TL302:9 lines=54,64,59

    def forward(self, x):
        with torch.no_grad():
            soft = self.teacher["head"](self.teacher["body"](x)).softmax(-1)
        return F.kl_div(self.student(x).log_softmax(-1), soft, reduction="batchmean")


def distill(batches):
    model = Distiller().cuda()
    for x in batches:
        model(x.cuda()).backward()
