# source: https://github.com/mindsdb/lightwood/issues/282
# error: RuntimeError: Input and parameter tensors are not at the same device, found input tensor at cuda:0 and parameter tensor at cpu
# pattern: module-in-plain-container
# shape: class, loader-loop
# bug-lines: 39, 43, 47
# needs: torch
# cpu: no written where torch was not installed; not run
"""Seq2seq GRU autoencoder that turns agent trajectories into fixed-size embeddings
for a downstream motion-forecasting model."""
import torch
import torch.nn as nn


class EncoderRNN(nn.Module):
    def __init__(self, in_dim, hidden):
        super().__init__()
        self.gru = nn.GRU(in_dim, hidden, batch_first=True)

    def forward(self, x):
        _, h = self.gru(x)
        return h


class DecoderRNN(nn.Module):
    def __init__(self, out_dim, hidden):
        super().__init__()
        self.gru = nn.GRU(out_dim, hidden, batch_first=True)
        self.out = nn.Linear(hidden, out_dim)

    def forward(self, prev, h):
        y, h = self.gru(prev, h)
        return self.out(y), h


class TrajectoryRnnEncoder(nn.Module):
    def __init__(self, in_dim=4, hidden=64):
        super().__init__()
        encoder, decoder = EncoderRNN(in_dim, hidden), DecoderRNN(in_dim, hidden)
        self._nets = {"encoder": encoder, "decoder": decoder}
        self.hidden = hidden

    def forward(self, tracks):
        h = self._nets["encoder"](tracks)
        step = tracks[:, -1:, :]
        recon = []
        for _ in range(tracks.size(1)):
            step, h = self._nets["decoder"](step, h)
            recon.append(step)
        return h.squeeze(0), torch.cat(recon[::-1], dim=1)

    def parameters_for_optim(self):
        return list(self._nets["encoder"].parameters()) + list(self._nets["decoder"].parameters())


if __name__ == "__main__":
    device = torch.device("cuda")
    model = TrajectoryRnnEncoder().to(device)
    optimizer = torch.optim.Adam(model.parameters_for_optim(), lr=1e-3)
    loader = [torch.randn(32, 20, 4) for _ in range(5)]
    for tracks in loader:
        tracks = tracks.to(device)
        emb, recon = model(tracks)
        loss = nn.functional.mse_loss(recon, tracks)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
