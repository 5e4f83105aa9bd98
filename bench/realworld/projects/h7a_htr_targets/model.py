# source: https://github.com/tobiasvanderwerff/full-page-handwriting-recognition/issues/4
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: batch-dict, loader-loop, multi-file
# bug-lines: 39
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class LineRecognizer(nn.Module):
    def __init__(self, vocab_size, d_model=256, pad_idx=0, max_len=128):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, d_model, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d((1, None)),
        )
        self.embed = nn.Embedding(vocab_size, d_model, padding_idx=pad_idx)
        self.pos = nn.Parameter(torch.zeros(1, max_len, d_model))
        layer = nn.TransformerDecoderLayer(d_model, nhead=4, batch_first=True)
        self.decoder = nn.TransformerDecoder(layer, num_layers=2)
        self.head = nn.Linear(d_model, vocab_size)
        self.loss_fn = nn.CrossEntropyLoss(ignore_index=pad_idx)

    def encode(self, images):
        feats = self.encoder(images).squeeze(2)  # B x C x W
        return feats.transpose(1, 2)

    def forward(self, images, targets):
        memory = self.encode(images)
        dec_in = targets[:, :-1]
        dec_out = targets[:, 1:]
        T = dec_in.size(1)
        causal = torch.triu(torch.ones(T, T, dtype=torch.bool, device=images.device), 1)
        x = self.embed(dec_in) + self.pos[:, :T]
        h = self.decoder(x, memory, tgt_mask=causal)
        logits = self.head(h)
        loss = self.loss_fn(
            logits.reshape(-1, logits.size(-1)),
            dec_out.reshape(-1),
        )
        return logits, loss
