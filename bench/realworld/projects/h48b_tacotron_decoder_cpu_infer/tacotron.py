# source: https://github.com/NVIDIA-NeMo/Speech/pull/7444
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: hard-coded-cuda
# shape: multi-file, class, batch-dict
# looks-like: hard-coded-cuda
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from decoder import Decoder


class Encoder(nn.Module):
    def __init__(self, n_symbols, dim=512, n_convs=3):
        super().__init__()
        self.embedding = nn.Embedding(n_symbols, dim)
        self.convs = nn.Sequential(*[
            nn.Sequential(nn.Conv1d(dim, dim, 5, padding=2), nn.BatchNorm1d(dim), nn.ReLU(), nn.Dropout(0.5))
            for _ in range(n_convs)])
        self.lstm = nn.LSTM(dim, dim // 2, batch_first=True, bidirectional=True)

    def forward(self, tokens):
        x = self.convs(self.embedding(tokens).transpose(1, 2)).transpose(1, 2)
        return self.lstm(x)[0]


class Postnet(nn.Module):
    def __init__(self, n_mel=80, dim=512, n_convs=5):
        super().__init__()
        chans = [n_mel] + [dim] * (n_convs - 1) + [n_mel]
        layers = []
        for i in range(n_convs):
            layers += [nn.Conv1d(chans[i], chans[i + 1], 5, padding=2), nn.BatchNorm1d(chans[i + 1])]
            if i < n_convs - 1:
                layers += [nn.Tanh(), nn.Dropout(0.5)]
        self.net = nn.Sequential(*layers)

    def forward(self, mel):
        return mel + self.net(mel)


class Tacotron2(nn.Module):
    def __init__(self, n_symbols=148, n_mel=80):
        super().__init__()
        self.encoder = Encoder(n_symbols)
        self.decoder = Decoder(n_mel=n_mel)
        self.postnet = Postnet(n_mel)

    @torch.no_grad()
    def generate_spectrogram(self, tokens):
        token_lengths = torch.full((tokens.size(0),), tokens.size(1), dtype=torch.long, device=tokens.device)
        memory = self.encoder(tokens)
        mels, mel_lengths = self.decoder.infer(memory, token_lengths)
        return self.postnet(mels), mel_lengths
