# source: https://github.com/talipucar/CPC/issues/1
# error: RuntimeError: Input and hidden tensors are not at the same device, found input tensor at cuda:0 and hidden tensor at cpu
# pattern: tensor-created-without-device
# shape: multi-file, class, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch as th
from torch import nn


class CPCEncoder(nn.Module):
    """Strided 1-D conv stack that downsamples a raw signal into latent frames."""

    def __init__(self, conv_dims):
        super().__init__()
        layers = []
        for c_in, c_out, k, s, p in conv_dims:
            layers += [nn.Conv1d(c_in, c_out, k, stride=s, padding=p), nn.BatchNorm1d(c_out),
                       nn.LeakyReLU()]
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


class CPC(nn.Module):
    """Contrastive predictive coding: encoder + GRU context + one linear predictor per step."""

    def __init__(self, options):
        super().__init__()
        self.ts = options["time_steps"]
        self.latent = options["conv_dims"][-1][1]
        self.max_anchor = options["sequence_length"] // options["downsampling_factor"] - self.ts
        self.encoder = CPCEncoder(options["conv_dims"])
        self.gru = nn.GRU(self.latent, self.latent, num_layers=2, batch_first=True)
        self.wk = nn.ModuleList(nn.Linear(self.latent, self.latent) for _ in range(self.ts))

    def forward(self, x, hidden):
        z = self.encoder(x).transpose(1, 2)            # (B, T, C)
        t = int(th.randint(0, self.max_anchor, (1,)))
        targets = th.stack([z[:, t + k, :] for k in range(1, self.ts + 1)])
        output, hidden = self.gru(z[:, : t + 1, :], hidden)
        context = output[:, t, :]
        preds = th.stack([w(context) for w in self.wk])
        return targets, preds, hidden
