# source: https://github.com/huggingface/transformers/pull/35608
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat2 in method wrapper_CUDA_bmm)
# pattern: stale-alias
# shape: class
# bug-lines: 31, 42, 50
# cpu: clean
# needs: torch
import torch
from torch import nn


def dynamic_ntk_inv_freq(dim, base, device=None, seq_len=None, max_pos=64, factor=2.0):
    if seq_len is not None and seq_len > max_pos:
        base = base * ((factor * seq_len / max_pos) - (factor - 1)) ** (dim / (dim - 2))
    exponents = torch.arange(0, dim, 2, dtype=torch.int64).float().to(device) / dim
    return 1.0 / (base ** exponents)


class DynamicNTKRotaryEmbedding(nn.Module):
    def __init__(self, dim, max_position_embeddings=64, base=10000.0, factor=2.0, device=None):
        super().__init__()
        self.dim = dim
        self.base = base
        self.factor = factor
        self.max_seq_len_cached = max_position_embeddings
        self.original_max_seq_len = max_position_embeddings

        inv_freq = dynamic_ntk_inv_freq(dim, base, device, max_pos=max_position_embeddings,
                                        factor=factor)
        self.register_buffer("inv_freq", inv_freq, persistent=False)
        self.original_inv_freq = self.inv_freq

    def _dynamic_frequency_update(self, position_ids, device):
        seq_len = int(torch.max(position_ids)) + 1
        if seq_len > self.max_seq_len_cached:
            inv_freq = dynamic_ntk_inv_freq(self.dim, self.base, device, seq_len=seq_len,
                                            max_pos=self.original_max_seq_len, factor=self.factor)
            self.register_buffer("inv_freq", inv_freq, persistent=False)
            self.max_seq_len_cached = seq_len

        if seq_len < self.original_max_seq_len and self.max_seq_len_cached > self.original_max_seq_len:
            self.register_buffer("inv_freq", self.original_inv_freq, persistent=False)
            self.max_seq_len_cached = self.original_max_seq_len

    @torch.no_grad()
    def forward(self, x, position_ids):
        self._dynamic_frequency_update(position_ids, device=x.device)
        inv_freq_expanded = self.inv_freq[None, :, None].float().expand(position_ids.shape[0], -1, 1)
        position_ids_expanded = position_ids[:, None, :].float()
        freqs = (inv_freq_expanded @ position_ids_expanded).transpose(1, 2)
        emb = torch.cat((freqs, freqs), dim=-1)
        return emb.cos().to(x.dtype), emb.sin().to(x.dtype)


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


class RopeLM(nn.Module):
    def __init__(self, vocab=100, d=32):
        super().__init__()
        self.embed = nn.Embedding(vocab, d)
        self.rotary = DynamicNTKRotaryEmbedding(d)
        self.head = nn.Linear(d, vocab)

    def forward(self, ids):
        h = self.embed(ids)
        pos = torch.arange(ids.size(1), device=ids.device).unsqueeze(0).expand(ids.size(0), -1)
        cos, sin = self.rotary(h, pos)
        return self.head(h * cos + rotate_half(h) * sin)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = RopeLM().to(device)
    long_prompt = torch.randint(0, 100, (1, 100), device=device)
    short_prompt = torch.randint(0, 100, (1, 10), device=device)
    print(model(long_prompt).shape)
    print(model(short_prompt).shape)
