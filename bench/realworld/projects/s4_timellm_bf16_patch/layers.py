# source: https://github.com/KimMeen/Time-LLM/issues/138 https://github.com/KimMeen/Time-LLM/issues/101
# error: RuntimeError: expected scalar type BFloat16 but found Float
# pattern: input-dtype-mismatch
# shape: multi-file, class, loader-loop
# cpu: clean
# needs: torch
import torch.nn as nn


class TokenEmbedding(nn.Module):
    def __init__(self, c_in, d_model):
        super().__init__()
        self.tokenConv = nn.Conv1d(c_in, d_model, kernel_size=3, padding=1,
                                   padding_mode="circular", bias=True)

    def forward(self, x):
        # x: [B*N, num_patches, patch_len]
        return self.tokenConv(x.permute(0, 2, 1)).transpose(1, 2)


class PatchEmbedding(nn.Module):
    def __init__(self, d_model, patch_len, stride, dropout=0.1):
        super().__init__()
        self.patch_len = patch_len
        self.stride = stride
        self.padding = nn.ReplicationPad1d((0, stride))
        self.value_embedding = TokenEmbedding(patch_len, d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        n_vars = x.shape[1]
        x = self.padding(x)
        x = x.unfold(dimension=-1, size=self.patch_len, step=self.stride)
        x = x.reshape(x.shape[0] * x.shape[1], x.shape[2], x.shape[3])
        x = self.value_embedding(x)
        return self.dropout(x), n_vars
