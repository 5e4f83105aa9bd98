# source: https://github.com/aladdinpersson/Machine-Learning-Collection/pull/192
# error: RuntimeError: Input and parameter tensors are not at the same device, found input tensor at cpu and parameter tensor at cuda:0
# pattern: inputs-not-moved
# shape: helper, top-level
# bug-lines: 51
# needs: torch
# cpu: no written where torch was not installed; not run
"""Sketch-RNN style VAE encoder/decoder for stroke-5 QuickDraw sequences, with a shape smoke test."""
import torch
import torch.nn as nn

MAX_SEQ = 250
BATCH_SIZE = 8
Z_DIM = 128


class StrokeEncoder(nn.Module):
    def __init__(self, hidden=256, z_dim=Z_DIM):
        super().__init__()
        self.lstm = nn.LSTM(5, hidden, bidirectional=True)
        self.fc_mu = nn.Linear(2 * hidden, z_dim)
        self.fc_sigma = nn.Linear(2 * hidden, z_dim)

    def forward(self, strokes):  # strokes: (seq_len, batch, 5)
        _, (h, _) = self.lstm(strokes)
        h = torch.cat([h[0], h[1]], dim=1)
        mu, sigma_hat = self.fc_mu(h), self.fc_sigma(h)
        sigma = torch.exp(sigma_hat / 2.0)
        return mu + sigma * torch.randn_like(sigma)


class StrokeDecoder(nn.Module):
    def __init__(self, hidden=512, z_dim=Z_DIM, num_mixtures=20):
        super().__init__()
        self.init_state = nn.Linear(z_dim, 2 * hidden)
        self.lstm = nn.LSTM(5 + z_dim, hidden)
        self.gmm = nn.Linear(hidden, 6 * num_mixtures + 3)
        self.hidden = hidden

    def forward(self, strokes, z):
        h0, c0 = torch.tanh(self.init_state(z)).split(self.hidden, dim=1)
        z_seq = z.unsqueeze(0).expand(strokes.size(0), -1, -1)
        out, _ = self.lstm(torch.cat([strokes, z_seq], dim=2), (h0[None], c0[None]))
        return self.gmm(out)


def test():
    device = "cuda" if torch.cuda.is_available() else "cpu"
    encoder = StrokeEncoder().to(device)
    decoder = StrokeDecoder().to(device)
    z = encoder(torch.randn(MAX_SEQ, BATCH_SIZE, 5)).to(device)
    assert z.shape == (BATCH_SIZE, Z_DIM)
    params = decoder(torch.zeros(MAX_SEQ, BATCH_SIZE, 5, device=device), z)
    print("decoder output:", tuple(params.shape))


if __name__ == "__main__":
    test()
