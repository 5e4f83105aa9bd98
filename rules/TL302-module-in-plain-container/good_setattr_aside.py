# The frozen scorer kept out of the registry with `object.__setattr__` is moved by
# the class's own `_apply`, which `.to()`, `.cuda()` and `.half()` all go through.
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
        object.__setattr__(self, "scorer", scorer)

    def _apply(self, fn, *args, **kwargs):
        self.scorer._apply(fn, *args, **kwargs)
        return super()._apply(fn, *args, **kwargs)

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


# The frozen teacher, called part by part, is moved by the class's own `_apply` too.
class Distiller(nn.Module):
    def __init__(self):
        super().__init__()
        self.student = nn.Linear(32, 10)
        teacher = nn.ModuleDict({"body": nn.Linear(32, 64), "head": nn.Linear(64, 10)})
        object.__setattr__(self, "teacher", teacher)

    def _apply(self, fn, *args, **kwargs):
        self.teacher._apply(fn, *args, **kwargs)
        return super()._apply(fn, *args, **kwargs)

    def forward(self, x):
        with torch.no_grad():
            soft = self.teacher["head"](self.teacher["body"](x)).softmax(-1)
        return F.kl_div(self.student(x).log_softmax(-1), soft, reduction="batchmean")


def distill(batches):
    model = Distiller().cuda()
    for x in batches:
        model(x.cuda()).backward()
