# source: https://github.com/Shakker-Labs/ComfyUI-IPAdapter-Flux/issues/47
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: adapter-after-placement
# shape: multi-file, class, helper
# bug-lines: 43, 55, 57
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F


class ImageProjModel(nn.Module):
    """Maps a pooled CLIP image embedding to a few cross-attention tokens."""

    def __init__(self, clip_dim=768, cross_dim=512, num_tokens=4):
        super().__init__()
        self.num_tokens = num_tokens
        self.cross_dim = cross_dim
        self.proj = nn.Linear(clip_dim, cross_dim * num_tokens)
        self.norm = nn.LayerNorm(cross_dim)

    def forward(self, clip_embeds):
        tokens = self.proj(clip_embeds).reshape(-1, self.num_tokens, self.cross_dim)
        return self.norm(tokens)


class IPAttnProcessor(nn.Module):
    """Decoupled cross-attention: extra key/value projections for image tokens."""

    def __init__(self, hidden_size, cross_dim, scale=1.0):
        super().__init__()
        self.scale = scale
        self.to_k_ip = nn.Linear(cross_dim, hidden_size, bias=False)
        self.to_v_ip = nn.Linear(cross_dim, hidden_size, bias=False)

    def forward(self, attn, hidden_states, context=None, image_emb=None):
        ctx = hidden_states if context is None else context
        q = attn.to_q(hidden_states)
        out = F.scaled_dot_product_attention(q, attn.to_k(ctx), attn.to_v(ctx))
        if image_emb is not None:
            ip_k = self.to_k_ip(image_emb)
            ip_v = self.to_v_ip(image_emb)
            out = out + self.scale * F.scaled_dot_product_attention(q, ip_k, ip_v)
        return attn.to_out(out)


def load_ip_adapter(transformer, ckpt_path, scale=1.0, num_tokens=4):
    state = torch.load(ckpt_path, map_location="cpu")
    image_proj = ImageProjModel(cross_dim=transformer.context_dim, num_tokens=num_tokens)
    image_proj.load_state_dict(state["image_proj"])

    for idx, attn in enumerate(transformer.attn_modules()):
        processor = IPAttnProcessor(transformer.dim, transformer.context_dim, scale=scale)
        processor.load_state_dict(state["ip_adapter"][str(idx)])
        attn.set_processor(processor)
    return image_proj
