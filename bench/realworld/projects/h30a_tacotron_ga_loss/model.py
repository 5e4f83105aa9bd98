# source: https://github.com/mozilla/TTS/issues/491
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class Tacotron2Lite(nn.Module):
    def __init__(self, n_symbols=130, emb_dim=256, n_mels=80):
        super().__init__()
        self.embedding = nn.Embedding(n_symbols, emb_dim)
        self.encoder = nn.LSTM(emb_dim, emb_dim // 2, batch_first=True, bidirectional=True)
        self.prenet = nn.Sequential(nn.Linear(n_mels, emb_dim), nn.ReLU(), nn.Dropout(0.5))
        self.attention = nn.MultiheadAttention(emb_dim, num_heads=1, batch_first=True)
        self.decoder = nn.LSTM(2 * emb_dim, emb_dim, batch_first=True)
        self.mel_proj = nn.Linear(emb_dim, n_mels)
        self.postnet = nn.Sequential(nn.Conv1d(n_mels, 256, 5, padding=2), nn.Tanh(),
                                     nn.Conv1d(256, n_mels, 5, padding=2))

    def forward(self, text, text_lengths, mel_specs):
        memory, _ = self.encoder(self.embedding(text))
        key_padding = torch.arange(text.size(1), device=text.device)[None] >= text_lengths[:, None]
        prev = torch.cat([torch.zeros_like(mel_specs[:, :1]), mel_specs[:, :-1]], dim=1)
        query = self.prenet(prev)
        context, alignments = self.attention(query, memory, memory, key_padding_mask=key_padding)
        dec_out, _ = self.decoder(torch.cat([query, context], dim=-1))
        mel_out = self.mel_proj(dec_out)
        postnet_out = mel_out + self.postnet(mel_out.transpose(1, 2)).transpose(1, 2)
        return mel_out, postnet_out, alignments
