# source: https://github.com/KimMeen/Time-LLM/issues/3
# error: RuntimeError: expected scalar type Float but found BFloat16
# pattern: input-dtype-mismatch
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class TokenEmbedding(nn.Module):
    def __init__(self, c_in, d_model):
        super().__init__()
        self.token_conv = nn.Conv1d(c_in, d_model, kernel_size=3, padding=1, padding_mode="circular")

    def forward(self, x):
        # x: (batch, seq_len, c_in)
        return self.token_conv(x.permute(0, 2, 1)).transpose(1, 2)


class PatchForecaster(nn.Module):
    def __init__(self, c_in, seq_len, pred_len, d_model=64, n_heads=4, e_layers=2):
        super().__init__()
        self.pred_len = pred_len
        self.value_embedding = TokenEmbedding(c_in, d_model)
        self.mark_embedding = nn.Linear(4, d_model)
        layer = nn.TransformerEncoderLayer(d_model, n_heads, dim_feedforward=4 * d_model, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, e_layers)
        self.projection = nn.Linear(seq_len * d_model, pred_len * c_in)

    def forward(self, x_enc, x_mark_enc):
        means = x_enc.mean(1, keepdim=True).detach()
        stdev = torch.sqrt(x_enc.var(1, keepdim=True, unbiased=False) + 1e-5)
        x = (x_enc - means) / stdev
        h = self.value_embedding(x) + self.mark_embedding(x_mark_enc)
        h = self.encoder(h)
        out = self.projection(h.flatten(1)).view(x_enc.shape[0], self.pred_len, -1)
        return out * stdev + means
