# source: https://github.com/LiamMaclean216/Pytorch-Transfomer/issues/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn

from attention import MultiHeadAttentionBlock


class PositionalEncoding(nn.Module):
    def __init__(self, d_model, max_len=5000):
        super().__init__()
        position = torch.arange(max_len, dtype=torch.float).unsqueeze(1)
        div_term = torch.exp(torch.arange(0, d_model, 2).float() * (-math.log(10000.0) / d_model))
        pe = torch.zeros(max_len, d_model)
        pe[:, 0::2] = torch.sin(position * div_term)
        pe[:, 1::2] = torch.cos(position * div_term)
        self.register_buffer("pe", pe.unsqueeze(0))

    def forward(self, x):
        return x + self.pe[:, :x.size(1)]


class EncoderLayer(nn.Module):
    def __init__(self, dim_val, dim_attn, n_heads=1):
        super().__init__()
        self.attn = MultiHeadAttentionBlock(dim_val, dim_attn, n_heads)
        self.fc1, self.fc2 = nn.Linear(dim_val, dim_val), nn.Linear(dim_val, dim_val)
        self.norm1, self.norm2 = nn.LayerNorm(dim_val), nn.LayerNorm(dim_val)

    def forward(self, x):
        x = self.norm1(x + self.attn(x))
        return self.norm2(x + self.fc1(torch.relu(self.fc2(x))))


class DecoderLayer(nn.Module):
    def __init__(self, dim_val, dim_attn, n_heads=1):
        super().__init__()
        self.attn1 = MultiHeadAttentionBlock(dim_val, dim_attn, n_heads)
        self.attn2 = MultiHeadAttentionBlock(dim_val, dim_attn, n_heads)
        self.fc1, self.fc2 = nn.Linear(dim_val, dim_val), nn.Linear(dim_val, dim_val)
        self.norms = nn.ModuleList(nn.LayerNorm(dim_val) for _ in range(3))

    def forward(self, x, enc):
        x = self.norms[0](x + self.attn1(x))
        x = self.norms[1](x + self.attn2(x, kv=enc))
        return self.norms[2](x + self.fc1(torch.relu(self.fc2(x))))


class Transformer(nn.Module):
    def __init__(self, dim_val, dim_attn, input_size, dec_seq_len, out_seq_len, n_layers=1, n_heads=1):
        super().__init__()
        self.dec_seq_len = dec_seq_len
        self.encs = nn.ModuleList(EncoderLayer(dim_val, dim_attn, n_heads) for _ in range(n_layers))
        self.decs = nn.ModuleList(DecoderLayer(dim_val, dim_attn, n_heads) for _ in range(n_layers))
        self.pos = PositionalEncoding(dim_val)
        self.enc_input_fc = nn.Linear(input_size, dim_val)
        self.dec_input_fc = nn.Linear(input_size, dim_val)
        self.out_fc = nn.Linear(dec_seq_len * dim_val, out_seq_len)

    def forward(self, x):
        e = self.pos(self.enc_input_fc(x))
        for enc in self.encs:
            e = enc(e)
        d = self.dec_input_fc(x[:, -self.dec_seq_len:])
        for dec in self.decs:
            d = dec(d, e)
        return self.out_fc(d.flatten(start_dim=1))
