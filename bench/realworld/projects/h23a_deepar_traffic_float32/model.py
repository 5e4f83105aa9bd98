# source: https://github.com/sktime/pytorch-forecasting/issues/574
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, class
# looks-like: float64-input
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class DeepARLite(nn.Module):
    """Autoregressive LSTM producing a Gaussian per future step."""

    def __init__(self, n_cov=3, hidden=64, layers=2):
        super().__init__()
        self.rnn = nn.LSTM(1 + n_cov, hidden, num_layers=layers, batch_first=True)
        self.mu = nn.Linear(hidden, 1)
        self.sigma = nn.Linear(hidden, 1)

    def forward(self, encoder_target, encoder_cov, decoder_cov):
        x = torch.cat([encoder_target.unsqueeze(-1), encoder_cov], dim=-1)
        _, state = self.rnn(x)
        last = encoder_target[:, -1:].unsqueeze(-1)
        mus, sigmas = [], []
        for t in range(decoder_cov.size(1)):
            step = torch.cat([last, decoder_cov[:, t:t + 1]], dim=-1)
            out, state = self.rnn(step, state)
            mu = self.mu(out)
            sigma = nn.functional.softplus(self.sigma(out)) + 1e-4
            mus.append(mu)
            sigmas.append(sigma)
            last = mu
        return torch.cat(mus, 1).squeeze(-1), torch.cat(sigmas, 1).squeeze(-1)
