# source: https://github.com/BindsNET/bindsnet/issues/238
# error: RuntimeError: expected type torch.cuda.FloatTensor but got torch.FloatTensor
# pattern: type-as-cpu
# shape: helper, class
# bug-lines: 15
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch


def poisson(datum, time, dt=1.0, device="cpu"):
    """Encode intensities as Poisson spike trains of length time/dt."""
    datum = datum.type(torch.FloatTensor)
    steps = int(time / dt)
    rate = torch.zeros(datum.shape, device=device)
    rate[datum != 0] = 1 / datum[datum != 0] * (1000 / dt)
    intervals = torch.distributions.Poisson(rate).sample((steps + 1,))
    times = torch.cumsum(intervals, dim=0).long()
    spikes = torch.zeros(steps + 1, *datum.shape, device=device)
    spikes.scatter_(0, times.clamp(max=steps), 1)
    return spikes[1:].bool()


class ImageEnv:
    def __init__(self, device):
        self.device = device

    def step(self):
        return torch.rand(3, 32, 32, device=self.device) * 128


class EncodingPipeline:
    def __init__(self, env, time=50, device="cpu"):
        self.env, self.time, self.device = env, time, device

    def step(self):
        obs = self.env.step()
        return poisson(obs, time=self.time, device=self.device)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", action="store_true")
    args = parser.parse_args()
    device = "cuda" if args.gpu and torch.cuda.is_available() else "cpu"
    pipeline = EncodingPipeline(ImageEnv(device), device=device)
    for _ in range(3):
        print(pipeline.step().float().mean().item())
