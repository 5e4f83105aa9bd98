import torch
import torch.nn as nn


class Scorer(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.proj = nn.Linear(8, 1)

    def forward(self, x):
        return self.proj(x)


class RewardGuidance:
    # A plain class (not a module): nothing can move its objects as a whole, and no
    # other code reaches `self.scorer`, so it stays where `setup()` left it.
    def __init__(self, device, half=False):
        self.device = device
        self.half = half
        self.setup()

    def setup(self):
        dtype = torch.float32
        self.scorer = Scorer().to(dtype)  # expect: TL211:23 lines=28,30
        self.noise_scale = torch.linspace(0.0, 1.0, 10).to(self.device)

    def __call__(self, feats):
        feats = feats.to(self.device)
        steps = torch.randint(0, 10, (feats.shape[0],), device=self.device)
        return self.scorer(feats + self.noise_scale[steps, None]).mean()


def run(features):
    # A closure, called where it is defined: its body sees `model` as it is then.
    model = Scorer()  # expect: TL211:13 lines=39,39
    device = torch.device("cuda")

    def score(batch):
        return model(batch.to(device))

    return [score(f) for f in features]
