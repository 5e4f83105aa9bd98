# source: https://github.com/logtd/ComfyUI-HunyuanLoom/pull/17
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: helper, class, loader-loop
# bug-lines: 13, 19, 44, 45
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def get_1d_rotary_pos_embed(dim, pos, theta=256.0):
    freqs = 1.0 / (theta ** (torch.arange(0, dim, 2)[: dim // 2].float() / dim))
    freqs = torch.outer(pos, freqs).repeat_interleave(2, dim=1)
    return freqs.cos(), freqs.sin()


def get_nd_rotary_pos_embed(rope_dims, sizes):
    axes = [torch.arange(s, dtype=torch.float32) for s in sizes]
    grid = torch.stack(torch.meshgrid(*axes, indexing="ij"), dim=0).reshape(len(sizes), -1)
    cos_parts, sin_parts = [], []
    for dim, pos in zip(rope_dims, grid):
        c, s = get_1d_rotary_pos_embed(dim, pos)
        cos_parts.append(c)
        sin_parts.append(s)
    return torch.cat(cos_parts, dim=1), torch.cat(sin_parts, dim=1)


def rotate_half(x):
    x1, x2 = x.unflatten(-1, (-1, 2)).unbind(-1)
    return torch.stack([-x2, x1], dim=-1).flatten(-2)


class RopeSelfAttention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, dim * 3)
        self.out = nn.Linear(dim, dim)

    def forward(self, x, freqs_cis):
        cos, sin = freqs_cis
        q, k, v = self.qkv(x).unflatten(-1, (3, self.heads, -1)).permute(2, 0, 3, 1, 4)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        o = nn.functional.scaled_dot_product_attention(q, k, v)
        return self.out(o.transpose(1, 2).flatten(2))


class LoomSampler:
    def __init__(self, block, patch_size=(1, 2, 2), rope_dims=(8, 12, 12)):
        self.block = block
        self.patch_size = patch_size
        self.rope_dims = rope_dims

    def get_rotary_embeds(self, latents):
        t, h, w = (latents.shape[2 + i] // p for i, p in enumerate(self.patch_size))
        return get_nd_rotary_pos_embed(self.rope_dims, (t, h, w))

    @torch.no_grad()
    def run(self, latents_list):
        outputs = []
        for latents in latents_list:
            freqs_cis = self.get_rotary_embeds(latents)
            tokens = latents.flatten(2).transpose(1, 2)[:, : freqs_cis[0].shape[0]]
            outputs.append(self.block(tokens, freqs_cis))
        return outputs


if __name__ == "__main__":
    device = torch.device("cuda")
    block = RopeSelfAttention(dim=128, heads=4).to(device)
    sampler = LoomSampler(block)
    clips = [torch.randn(1, 128, 5, 16, 16, device=device) for _ in range(3)]
    print([o.shape for o in sampler.run(clips)])
