# source: https://github.com/awslabs/gluonts/pull/1230
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class
# looks-like: numpy-of-device-tensor
# needs: torch
# cpu: no written where torch was not installed; not run
"""DeepAR-style autoregressive RNN that emits Student-t sample paths."""
import torch
import torch.nn as nn
from torch.distributions import StudentT


class DeepARNet(nn.Module):
    def __init__(self, hidden=40, num_layers=2, num_samples=100):
        super().__init__()
        self.num_samples = num_samples
        self.rnn = nn.LSTM(1, hidden, num_layers, batch_first=True)
        self.proj = nn.Linear(hidden, 3)

    def distr(self, h):
        df, loc, scale = self.proj(h).unbind(-1)
        return StudentT(2.0 + nn.functional.softplus(df), loc, nn.functional.softplus(scale) + 1e-4)

    @torch.no_grad()
    def sample_paths(self, past_target, prediction_length):
        scale = past_target.abs().mean(dim=1, keepdim=True).clamp_min(1.0)
        x = (past_target / scale).repeat_interleave(self.num_samples, dim=0).unsqueeze(-1)
        out, state = self.rnn(x)
        samples = []
        nxt = self.distr(out[:, -1]).sample()
        for _ in range(prediction_length):
            samples.append(nxt)
            out, state = self.rnn(nxt.view(-1, 1, 1), state)
            nxt = self.distr(out[:, -1]).sample()
        paths = torch.stack(samples, dim=1).view(-1, self.num_samples, prediction_length)
        return paths * scale.unsqueeze(-1)
