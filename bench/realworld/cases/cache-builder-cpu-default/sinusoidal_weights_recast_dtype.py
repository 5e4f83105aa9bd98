# source: https://github.com/facebookresearch/fairseq/pull/745 https://github.com/facebookresearch/fairseq/pull/746
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: cache-builder-cpu-default
# shape: class, helper
# bug-lines: 27, 46, 48
# cpu: clean
# needs: torch
import argparse
import math

import torch
import torch.nn as nn


def make_positions(tensor, padding_idx):
    mask = tensor.ne(padding_idx).int()
    return (torch.cumsum(mask, dim=1).type_as(mask) * mask).long() + padding_idx


class SinusoidalPositionalEmbedding(nn.Module):
    """Produces sinusoidal positional embeddings of any length; padding symbols are ignored."""

    def __init__(self, embedding_dim, padding_idx, init_size=64):
        super().__init__()
        self.embedding_dim = embedding_dim
        self.padding_idx = padding_idx
        self.weights = SinusoidalPositionalEmbedding.get_embedding(init_size, embedding_dim, padding_idx)
        self.register_buffer("_float_tensor", torch.empty(1))

    @staticmethod
    def get_embedding(num_embeddings, embedding_dim, padding_idx=None):
        half_dim = embedding_dim // 2
        emb = math.log(10000) / (half_dim - 1)
        emb = torch.exp(torch.arange(half_dim, dtype=torch.float) * -emb)
        emb = torch.arange(num_embeddings, dtype=torch.float).unsqueeze(1) * emb.unsqueeze(0)
        emb = torch.cat([torch.sin(emb), torch.cos(emb)], dim=1).view(num_embeddings, -1)
        if padding_idx is not None:
            emb[padding_idx, :] = 0
        return emb

    def forward(self, tokens):
        bsz, seq_len = tokens.size()
        max_pos = self.padding_idx + 1 + seq_len
        if self.weights is None or max_pos > self.weights.size(0):
            # recompute/expand embeddings if needed
            self.weights = SinusoidalPositionalEmbedding.get_embedding(max_pos, self.embedding_dim, self.padding_idx)
        # copies the model's floating type, not its device
        self.weights = self.weights.to(self._float_tensor.dtype)
        positions = make_positions(tokens, self.padding_idx)
        return self.weights.index_select(0, positions.view(-1)).view(bsz, seq_len, -1).detach()


class TransformerEncoder(nn.Module):
    def __init__(self, vocab=100, dim=32, padding_idx=1):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab, dim, padding_idx=padding_idx)
        self.embed_positions = SinusoidalPositionalEmbedding(dim, padding_idx)
        self.layer = nn.TransformerEncoderLayer(dim, nhead=4, batch_first=True)

    def forward(self, src_tokens):
        x = self.embed_tokens(src_tokens) * math.sqrt(self.embed_tokens.embedding_dim)
        return self.layer(x + self.embed_positions(src_tokens))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    device = torch.device(args.device)
    encoder = TransformerEncoder().to(device)
    src_tokens = torch.randint(2, 100, (2, 80), device=device)
    print(encoder(src_tokens).shape)
