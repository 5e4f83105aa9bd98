# source: https://github.com/LiamMaclean216/Pytorch-Transfomer/issues/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 37, 41
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def attention(Q, K, V):
    scores = torch.matmul(Q, K.transpose(-2, -1)) / (Q.size(-1) ** 0.5)
    return torch.matmul(torch.softmax(scores, dim=-1), V)


class AttentionBlock(nn.Module):
    def __init__(self, dim_val, dim_attn):
        super().__init__()
        self.value = nn.Linear(dim_val, dim_val)
        self.key = nn.Linear(dim_val, dim_attn)
        self.query = nn.Linear(dim_val, dim_attn)

    def forward(self, x, kv=None):
        if kv is None:
            # self attention (encoder)
            return attention(self.query(x), self.key(x), self.value(x))
        # cross attention: queries from x, keys/values from the encoder output
        return attention(self.query(x), self.key(kv), self.value(kv))


class MultiHeadAttentionBlock(nn.Module):
    def __init__(self, dim_val, dim_attn, n_heads):
        super().__init__()
        # one independent projection set per head; outputs are concatenated
        # and projected back to dim_val
        self.heads = [AttentionBlock(dim_val, dim_attn) for _ in range(n_heads)]
        self.fc = nn.Linear(n_heads * dim_val, dim_val, bias=False)

    def forward(self, x, kv=None):
        outs = [h(x, kv=kv) for h in self.heads]
        return self.fc(torch.cat(outs, dim=-1))
