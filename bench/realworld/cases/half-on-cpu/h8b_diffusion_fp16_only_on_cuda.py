# source: https://github.com/mazzzystar/disco-diffusion-wrapper/issues/31
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# looks-like: half-on-cpu
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class TinyUNet(nn.Module):
    def __init__(self, ch=64):
        super().__init__()
        self.inp = nn.Conv2d(3, ch, 3, padding=1)
        self.mid = nn.Sequential(nn.GroupNorm(8, ch), nn.SiLU(), nn.Conv2d(ch, ch, 3, padding=1))
        self.out = nn.Conv2d(ch, 3, 3, padding=1)
        self.time_mlp = nn.Linear(1, ch)

    def forward(self, x, t):
        h = self.inp(x) + self.time_mlp(t.view(-1, 1))[:, :, None, None]
        return self.out(h + self.mid(h))


def pick_device():
    if torch.cuda.is_available():
        return torch.device("cuda:0")
    return torch.device("cpu")


class DiscoSampler:
    def __init__(self, checkpoint=None, use_fp16=True):
        self.device = pick_device()
        self.model = TinyUNet()
        if checkpoint:
            self.model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
        self.use_fp16 = use_fp16 and self.device.type == "cuda"
        if self.use_fp16:
            self.model.half()
        self.model.to(self.device).eval()
        self.dtype = next(self.model.parameters()).dtype

    @torch.no_grad()
    def sample(self, steps=50, size=256, batch_size=1):
        x = torch.randn(batch_size, 3, size, size, device=self.device, dtype=self.dtype)
        for i in reversed(range(steps)):
            t = torch.full((batch_size,), i / steps, device=self.device, dtype=self.dtype)
            eps = self.model(x, t)
            x = x - eps / steps
        return x.float().clamp(-1, 1)


if __name__ == "__main__":
    sampler = DiscoSampler(use_fp16=True)
    print(sampler.sample(steps=10, size=128).shape)
