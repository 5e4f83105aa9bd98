# source: https://github.com/r9y9/tacotron_pytorch/issues/18
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class Tacotron(nn.Module):
    def __init__(self, n_vocab, embedding_dim=64, mel_dim=20, linear_dim=65, r=2):
        super().__init__()
        self.mel_dim = mel_dim
        self.r = r
        self.embedding = nn.Embedding(n_vocab, embedding_dim)
        self.encoder = nn.GRU(embedding_dim, embedding_dim // 2, batch_first=True, bidirectional=True)
        self.decoder = nn.GRU(mel_dim * r + embedding_dim, 128, batch_first=True)
        self.mel_proj = nn.Linear(128, mel_dim * r)
        self.postnet = nn.Sequential(nn.Linear(mel_dim, 128), nn.ReLU(), nn.Linear(128, linear_dim))

    def forward(self, text, mel_inputs):
        memory, _ = self.encoder(self.embedding(text))
        context = memory.mean(dim=1, keepdim=True)
        frames = mel_inputs.view(mel_inputs.size(0), -1, self.mel_dim * self.r)
        dec_in = torch.cat([frames, context.expand(-1, frames.size(1), -1)], dim=-1)
        hidden, _ = self.decoder(dec_in)
        mel_outputs = self.mel_proj(hidden).view(mel_inputs.size(0), -1, self.mel_dim)
        return mel_outputs, self.postnet(mel_outputs)
