# source: https://github.com/sipie800/ComfyUI-PuLID-Flux-Enhanced/issues/35
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument weight in method wrapper_CUDA__native_layer_norm)
# pattern: adapter-after-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Identity cross-attention adapter (PuLID-style) loaded from a standalone checkpoint."""
import torch
import torch.nn as nn


class IDCrossAttention(nn.Module):
    def __init__(self, dim=1024, id_dim=512, heads=8):
        super().__init__()
        self.heads = heads
        self.norm_img = nn.LayerNorm(dim)
        self.norm_id = nn.LayerNorm(id_dim)
        self.to_q = nn.Linear(dim, dim, bias=False)
        self.to_kv = nn.Linear(id_dim, 2 * dim, bias=False)
        self.to_out = nn.Linear(dim, dim, bias=False)

    def forward(self, id_embedding, hidden):
        b, n, d = hidden.shape
        q = self.to_q(self.norm_img(hidden)).view(b, n, self.heads, -1).transpose(1, 2)
        k, v = self.to_kv(self.norm_id(id_embedding)).chunk(2, dim=-1)
        k = k.view(b, -1, self.heads, d // self.heads).transpose(1, 2)
        v = v.view(b, -1, self.heads, d // self.heads).transpose(1, 2)
        out = torch.nn.functional.scaled_dot_product_attention(q, k, v)
        return self.to_out(out.transpose(1, 2).reshape(b, n, d))


class IdentityAdapter(nn.Module):
    def __init__(self, num_blocks=16, interval=2, dim=1024, id_dim=512):
        super().__init__()
        self.interval = interval
        self.ca = nn.ModuleList([IDCrossAttention(dim, id_dim) for _ in range(num_blocks // interval)])

    @classmethod
    def from_pretrained(cls, path):
        state = torch.load(path, map_location="cpu")
        adapter = cls(**state.get("config", {}))
        adapter.load_state_dict(state["ca"], strict=False)
        return adapter.eval()
