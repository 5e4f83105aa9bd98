# source: https://github.com/resemble-ai/chatterbox/issues/472 https://github.com/resemble-ai/chatterbox/pull/418
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class VoiceEncoder(nn.Module):
    """Speaker embedding from a log-mel spectrogram."""

    def __init__(self, n_mels=40, hidden=256, emb_dim=256):
        super().__init__()
        self.lstm = nn.LSTM(n_mels, hidden, num_layers=3, batch_first=True)
        self.proj = nn.Linear(hidden, emb_dim)

    def forward(self, mels):
        _, (hidden, _) = self.lstm(mels)
        emb = self.proj(hidden[-1])
        return F.normalize(F.relu(emb), dim=-1)


class MelDecoder(nn.Module):
    """Tiny decoder: text tokens + speaker embedding -> mel frames."""

    def __init__(self, vocab_size=704, emb_dim=256, n_mels=80):
        super().__init__()
        self.text_emb = nn.Embedding(vocab_size, emb_dim)
        self.gru = nn.GRU(emb_dim, emb_dim, batch_first=True)
        self.to_mel = nn.Linear(emb_dim, n_mels)

    def forward(self, tokens, spk_emb):
        x = self.text_emb(tokens) + spk_emb.unsqueeze(1)
        out, _ = self.gru(x)
        return self.to_mel(out)
