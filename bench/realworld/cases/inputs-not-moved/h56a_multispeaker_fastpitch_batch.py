# source: https://github.com/idiap/coqui-ai-TTS/pull/378
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: batch-dict, loader-loop, class
# bug-lines: 66
# needs: torch
# cpu: no written where torch was not installed; not run
"""Multi-speaker FastPitch-style acoustic model training loop."""

import torch
from torch import nn
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader


class ForwardTTS(nn.Module):
    def __init__(self, num_chars, num_speakers, hidden=384, n_mels=80):
        super().__init__()
        self.emb = nn.Embedding(num_chars, hidden)
        self.emb_g = nn.Embedding(num_speakers, hidden)
        layer = nn.TransformerEncoderLayer(hidden, 2, 1024, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=4)
        self.duration_predictor = nn.Linear(hidden, 1)
        self.decoder = nn.TransformerEncoder(layer, num_layers=4)
        self.proj = nn.Linear(hidden, n_mels)

    def _forward_encoder(self, x, x_mask, g):
        g = self.emb_g(g).unsqueeze(1)  # [B, 1, C]
        return self.encoder(self.emb(x) + g, src_key_padding_mask=~x_mask), g

    def forward(self, x, x_mask, durations, g):
        o_en, g_emb = self._forward_encoder(x, x_mask, g)
        log_dur = self.duration_predictor(o_en).squeeze(-1)
        expanded = [torch.repeat_interleave(o_en[b], durations[b], dim=0)
                    for b in range(o_en.size(0))]
        o_de = pad_sequence(expanded, batch_first=True) + g_emb
        return self.proj(self.decoder(o_de)), log_dur


def collate(samples):
    tokens = pad_sequence([s["tokens"] for s in samples], batch_first=True)
    mels = pad_sequence([s["mel"] for s in samples], batch_first=True)
    durs = pad_sequence([s["durations"] for s in samples], batch_first=True)
    return {
        "token_ids": tokens,
        "token_mask": tokens != 0,
        "mel": mels,
        "durations": durs,
        "speaker_ids": torch.tensor([s["speaker_id"] for s in samples]),
    }


class Trainer:
    def __init__(self, model, dataset, device, lr=1e-4):
        self.device, self.model = device, model.to(device)
        self.loader = DataLoader(dataset, batch_size=32, shuffle=True,
                                 collate_fn=collate, num_workers=4)
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=lr)

    def format_batch(self, batch):
        return {
            "token_ids": batch["token_ids"].to(self.device, non_blocking=True),
            "token_mask": batch["token_mask"].to(self.device),
            "mel": batch["mel"].to(self.device, non_blocking=True),
            "durations": batch["durations"].to(self.device),
            "speaker_ids": batch["speaker_ids"],
        }

    def train_epoch(self):
        self.model.train()
        for raw in self.loader:
            batch = self.format_batch(raw)
            mel_hat, log_dur = self.model(batch["token_ids"], batch["token_mask"],
                                          batch["durations"], batch["speaker_ids"])
            t = min(mel_hat.size(1), batch["mel"].size(1))
            loss = nn.functional.l1_loss(mel_hat[:, :t], batch["mel"][:, :t]) + 0.1 * \
                nn.functional.mse_loss(log_dur, torch.log1p(batch["durations"].float()))
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
