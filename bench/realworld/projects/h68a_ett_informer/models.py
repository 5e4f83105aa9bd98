# source: https://github.com/zhouhaoyi/Informer2020/issues/82
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class SimpleInformer(nn.Module):
    """Encoder-only stand-in for Informer: embeds the window and projects the horizon."""

    def __init__(self, enc_in, c_out, seq_len, pred_len, d_model=128, n_heads=4, e_layers=2):
        super().__init__()
        self.pred_len = pred_len
        self.embed = nn.Linear(enc_in, d_model)
        self.pos = nn.Parameter(torch.zeros(1, seq_len, d_model))
        layer = nn.TransformerEncoderLayer(d_model, n_heads, 4 * d_model, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, e_layers)
        self.head = nn.Linear(seq_len * d_model, pred_len * c_out)
        self.c_out = c_out

    def forward(self, x_enc):
        h = self.encoder(self.embed(x_enc) + self.pos)
        out = self.head(h.flatten(1))
        return out.view(-1, self.pred_len, self.c_out)
