# source: https://github.com/iver56/torch-audiomentations/issues/137
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class, loader-loop
# bug-lines: 36, 38
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
from torch.distributions import Uniform


class RandomBandPass(torch.nn.Module):
    """Batch-wise random band-pass filter applied in the frequency domain on the GPU."""

    def __init__(self, sample_rate, min_center_hz=200.0, max_center_hz=4000.0,
                 min_bandwidth_fraction=0.5, max_bandwidth_fraction=1.99, p=0.5):
        super().__init__()
        self.sample_rate = sample_rate
        self.min_center_hz = min_center_hz
        self.max_center_hz = max_center_hz
        self.min_bw = min_bandwidth_fraction
        self.max_bw = max_bandwidth_fraction
        self.p = p
        self.params = {}

    def randomize_parameters(self, samples):
        batch_size = samples.shape[0]
        dev = samples.device
        center_dist = Uniform(
            low=torch.tensor(math.log(self.min_center_hz), device=dev),
            high=torch.tensor(math.log(self.max_center_hz), device=dev),
        )
        self.params["center_freq"] = torch.exp(center_dist.sample((batch_size,)))
        bandwidth_dist = Uniform(torch.tensor(self.min_bw), torch.tensor(self.max_bw))
        bw_fraction = bandwidth_dist.sample((batch_size,))
        self.params["bandwidth"] = bw_fraction * self.params["center_freq"]
        self.params["apply"] = torch.rand(batch_size, device=dev) < self.p

    def forward(self, samples):
        # samples: [batch, channels, time]
        self.randomize_parameters(samples)
        n = samples.shape[-1]
        freqs = torch.fft.rfftfreq(n, d=1.0 / self.sample_rate).to(samples.device)
        low = (self.params["center_freq"] - self.params["bandwidth"] / 2).clamp_min(0.0)
        high = self.params["center_freq"] + self.params["bandwidth"] / 2
        keep = (freqs[None, :] >= low[:, None]) & (freqs[None, :] <= high[:, None])
        spec = torch.fft.rfft(samples, dim=-1) * keep[:, None, :]
        filtered = torch.fft.irfft(spec, n=n, dim=-1)
        apply = self.params["apply"][:, None, None]
        return torch.where(apply, filtered, samples)
