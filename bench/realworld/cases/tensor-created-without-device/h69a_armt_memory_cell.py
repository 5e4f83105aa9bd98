# source: https://github.com/RodkinIvan/associative-recurrent-memory-transformer/pull/20
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_bmm)
# pattern: tensor-created-without-device
# shape: class, loader-loop
# bug-lines: 31, 35, 42
# needs: torch
# cpu: no written where torch was not installed; not run
"""Associative memory cell wrapped around a decoder layer for segment-recurrent long-context inference."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class AssociativeMemoryCell(nn.Module):
    def __init__(self, layer, d_model, d_mem=64, num_mem_tokens=16):
        super().__init__()
        self.layer = layer
        self.d_model, self.d_mem = d_model, d_mem
        self.num_mem_tokens = num_mem_tokens
        self.W_mq = nn.Linear(d_model, d_mem, bias=False)
        self.W_mk = nn.Linear(d_model, d_mem, bias=False)
        self.W_mv = nn.Linear(d_model, d_model, bias=False)
        self.W_mb = nn.Linear(d_model, 1)
        self.W_mem = None

    @staticmethod
    def phi(x):
        return F.elu(x) + 1

    def zero_mem(self, batch_size):
        self.W_mem = torch.zeros(batch_size, self.d_mem, self.d_model)

    def associate(self, hidden):
        q = self.phi(self.W_mq(hidden))
        read = torch.bmm(q, self.W_mem)
        return read / (q.sum(dim=-1, keepdim=True) + 1e-5)

    def update_mem(self, mem_tokens):
        k = self.phi(self.W_mk(mem_tokens))
        v = self.W_mv(mem_tokens)
        beta = torch.sigmoid(self.W_mb(mem_tokens))
        self.W_mem = self.W_mem + torch.bmm((k * beta).transpose(1, 2), v)

    def forward(self, hidden):
        hidden = hidden + self.associate(hidden)
        out = self.layer(hidden)
        self.update_mem(out[:, -self.num_mem_tokens:])
        return out


@torch.no_grad()
def read_long_document(cell, embeddings, segment_len=1024):
    """embeddings: (B, T, D) already on the model device."""
    cell.zero_mem(embeddings.shape[0])
    outputs = []
    for segment in embeddings.split(segment_len, dim=1):
        outputs.append(cell(segment))
    return torch.cat(outputs, dim=1)


if __name__ == "__main__":
    device = torch.device("cuda")
    block = nn.TransformerEncoderLayer(d_model=768, nhead=12, batch_first=True)
    cell = AssociativeMemoryCell(block, d_model=768).to(device).eval()
    doc = torch.randn(2, 16384, 768, device=device)
    print(read_long_document(cell, doc).shape)
