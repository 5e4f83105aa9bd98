# source: https://github.com/kleinlee/DH_live/issues/22
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Audio-feature -> mouth-shape regressor used by the live avatar demo."""
import torch
import torch.nn as nn


class Audio2Mouth(nn.Module):
    def __init__(self, n_mels=80, hidden=256, n_coeffs=20, num_layers=2):
        super().__init__()
        self.pre = nn.Sequential(
            nn.Conv1d(n_mels, hidden, kernel_size=3, padding=1),
            nn.BatchNorm1d(hidden),
            nn.ReLU(),
        )
        self.rnn = nn.LSTM(hidden, hidden, num_layers=num_layers, batch_first=True,
                           bidirectional=True)
        self.head = nn.Linear(2 * hidden, n_coeffs)

    def forward(self, mel):
        # mel: (batch, frames, n_mels)
        h = self.pre(mel.transpose(1, 2)).transpose(1, 2)
        h, _ = self.rnn(h)
        return self.head(h)

    @torch.no_grad()
    def stream(self, mel, chunk=50):
        outs = []
        for start in range(0, mel.size(1), chunk):
            outs.append(self(mel[:, start:start + chunk]))
        return torch.cat(outs, dim=1)
