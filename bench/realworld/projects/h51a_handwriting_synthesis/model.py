# source: https://github.com/EliHei2/segger_dev/issues/59
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Graves-style handwriting synthesis: LSTM with soft window over the text and a mixture density output."""
import torch
from torch import nn


class HandwritingSynth(nn.Module):
    def __init__(self, n_chars=80, hidden=400, n_window=10, n_mix=20):
        super().__init__()
        self.n_chars, self.n_window, self.n_mix = n_chars, n_window, n_mix
        self.lstm1 = nn.LSTMCell(3 + n_chars, hidden)
        self.window = nn.Linear(hidden, 3 * n_window)
        self.lstm2 = nn.LSTM(3 + n_chars + hidden, hidden, batch_first=True)
        self.mdn = nn.Linear(hidden, 1 + 6 * n_mix)

    def init_state(self, batch, device):
        h = torch.zeros(batch, self.lstm1.hidden_size, device=device)
        kappa = torch.zeros(batch, self.n_window, device=device)
        w = torch.zeros(batch, self.n_chars, device=device)
        return (h, h.clone()), kappa, w, None

    def step(self, point, text_onehot, state):
        (h1, c1), kappa, w, state2 = state
        h1, c1 = self.lstm1(torch.cat([point, w], dim=-1), (h1, c1))
        alpha, beta, dk = self.window(h1).exp().chunk(3, dim=-1)
        kappa = kappa + dk
        u = torch.arange(text_onehot.shape[1], device=point.device, dtype=point.dtype)
        phi = (alpha.unsqueeze(2) * torch.exp(-beta.unsqueeze(2) * (kappa.unsqueeze(2) - u) ** 2)).sum(1)
        w = torch.bmm(phi.unsqueeze(1), text_onehot).squeeze(1)
        out, state2 = self.lstm2(torch.cat([point, w, h1], dim=-1).unsqueeze(1), state2)
        return self.mdn(out.squeeze(1)), ((h1, c1), kappa, w, state2)
