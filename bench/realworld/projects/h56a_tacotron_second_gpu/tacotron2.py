# source: https://github.com/NVIDIA/DeepLearningExamples/issues/450
# error: RuntimeError: expected device cuda:0 but got device cuda:1
# pattern: current-gpu-mismatch
# shape: class, multi-file
# bug-lines: 55, 56
# needs: torch
# cpu: no written where torch was not installed; not run
"""Minimal Tacotron 2 style model (encoder + autoregressive decoder)."""

import torch
from torch import nn
from torch.nn import functional as F


class Encoder(nn.Module):
    def __init__(self, n_symbols=148, dim=512):
        super().__init__()
        self.embedding = nn.Embedding(n_symbols, dim)
        self.convs = nn.Sequential(*[nn.Sequential(
            nn.Conv1d(dim, dim, 5, padding=2), nn.BatchNorm1d(dim), nn.ReLU()) for _ in range(3)])
        self.lstm = nn.LSTM(dim, dim // 2, batch_first=True, bidirectional=True)

    def forward(self, text):
        x = self.convs(self.embedding(text).transpose(1, 2)).transpose(1, 2)
        return self.lstm(x)[0]


class Decoder(nn.Module):
    def __init__(self, n_mels=80, enc_dim=512, rnn_dim=1024, max_steps=1000,
                 gate_threshold=0.5):
        super().__init__()
        self.n_mels, self.rnn_dim = n_mels, rnn_dim
        self.max_steps, self.gate_threshold = max_steps, gate_threshold
        self.prenet = nn.Sequential(nn.Linear(n_mels, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU())
        self.attention_rnn = nn.LSTMCell(256 + enc_dim, rnn_dim)
        self.query = nn.Linear(rnn_dim, enc_dim, bias=False)
        self.proj = nn.Linear(rnn_dim + enc_dim, n_mels)
        self.gate = nn.Linear(rnn_dim + enc_dim, 1)

    def step(self, frame, memory, h, c, context):
        x = self.prenet(frame)
        h, c = self.attention_rnn(torch.cat([x, context], dim=-1), (h, c))
        scores = torch.bmm(memory, self.query(h).unsqueeze(-1)).squeeze(-1)
        weights = F.softmax(scores, dim=-1)
        context = torch.bmm(weights.unsqueeze(1), memory).squeeze(1)
        out = torch.cat([h, context], dim=-1)
        return self.proj(out), self.gate(out).squeeze(-1), h, c, context

    @torch.no_grad()
    def infer(self, memory):
        batch = memory.size(0)
        frame = memory.new_zeros(batch, self.n_mels)
        h, c = memory.new_zeros(batch, self.rnn_dim), memory.new_zeros(batch, self.rnn_dim)
        context = memory.new_zeros(batch, memory.size(2))
        mel_lengths = torch.zeros([batch], dtype=torch.int32).cuda()
        not_finished = torch.ones([batch], dtype=torch.int32).cuda()
        mel_outputs = []
        for _ in range(self.max_steps):
            frame, gate, h, c, context = self.step(frame, memory, h, c, context)
            mel_outputs.append(frame)
            dec = torch.le(torch.sigmoid(gate), self.gate_threshold).to(torch.int32)
            not_finished = not_finished * dec
            mel_lengths += not_finished
            if torch.sum(not_finished) == 0:
                break
        return torch.stack(mel_outputs, dim=2), mel_lengths


class Tacotron2(nn.Module):
    def __init__(self, n_symbols=148, n_mels=80):
        super().__init__()
        self.encoder = Encoder(n_symbols)
        self.decoder = Decoder(n_mels)
        self.postnet = nn.Sequential(nn.Conv1d(n_mels, 512, 5, padding=2), nn.Tanh(),
                                     nn.Conv1d(512, n_mels, 5, padding=2))

    @torch.no_grad()
    def infer(self, text):
        mel, lengths = self.decoder.infer(self.encoder(text))
        return mel + self.postnet(mel), lengths
