# source: https://github.com/KimMeen/Time-LLM/issues/195
# error: RuntimeError: Input type (c10::BFloat16) and bias type (c10::Half) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Patch embedding and reprogramming layers for an LLM-backed forecaster."""
import torch
import torch.nn as nn


class TokenEmbedding(nn.Module):
    def __init__(self, c_in, d_model):
        super().__init__()
        self.tokenConv = nn.Conv1d(c_in, d_model, kernel_size=3, padding=1,
                                   padding_mode="circular", bias=True)
        nn.init.kaiming_normal_(self.tokenConv.weight, mode="fan_in", nonlinearity="leaky_relu")

    def forward(self, x):
        return self.tokenConv(x.permute(0, 2, 1)).transpose(1, 2)


class PatchEmbedding(nn.Module):
    def __init__(self, d_model, patch_len, stride, dropout):
        super().__init__()
        self.patch_len, self.stride = patch_len, stride
        self.padding = nn.ReplicationPad1d((0, stride))
        self.value_embedding = TokenEmbedding(patch_len, d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        n_vars = x.shape[1]
        x = self.padding(x)
        x = x.unfold(dimension=-1, size=self.patch_len, step=self.stride)
        x = x.reshape(-1, x.shape[2], x.shape[3])
        return self.dropout(self.value_embedding(x)), n_vars


class ReprogrammingLayer(nn.Module):
    def __init__(self, d_model, n_heads, d_llm):
        super().__init__()
        self.n_heads = n_heads
        self.query = nn.Linear(d_model, d_model)
        self.key = nn.Linear(d_llm, d_model)
        self.value = nn.Linear(d_llm, d_model)
        self.out = nn.Linear(d_model, d_llm)

    def forward(self, target, source, value):
        B, L, _ = target.shape
        S, H = source.shape[0], self.n_heads
        q = self.query(target).view(B, L, H, -1)
        k = self.key(source).view(S, H, -1)
        v = self.value(value).view(S, H, -1)
        scores = torch.einsum("blhe,she->bhls", q, k) / q.shape[-1] ** 0.5
        out = torch.einsum("bhls,she->blhe", torch.softmax(scores, dim=-1), v)
        return self.out(out.reshape(B, L, -1))
