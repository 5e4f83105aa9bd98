# source: https://github.com/YuanGongND/ast/issues/84
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""A compact Audio Spectrogram Transformer (patchify fbank -> transformer -> 527 AudioSet logits)."""
import torch
import torch.nn as nn


class ASTClassifier(nn.Module):
    def __init__(self, label_dim=527, input_tdim=1024, input_fdim=128, patch=16, stride=10,
                 dim=768, depth=12, heads=12):
        super().__init__()
        self.proj = nn.Conv2d(1, dim, kernel_size=patch, stride=stride)
        f_out = (input_fdim - patch) // stride + 1
        t_out = (input_tdim - patch) // stride + 1
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, f_out * t_out + 1, dim))
        layer = nn.TransformerEncoderLayer(dim, heads, 4 * dim, batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, depth)
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, label_dim)

    def forward(self, fbank):
        # fbank: (batch, time, freq) -> (batch, 1, freq, time)
        x = fbank.unsqueeze(1).transpose(2, 3)
        x = self.proj(x).flatten(2).transpose(1, 2)
        cls = self.cls_token.expand(x.shape[0], -1, -1)
        x = torch.cat([cls, x], dim=1) + self.pos_embed
        x = self.norm(self.encoder(x))
        return self.head(x[:, 0])
