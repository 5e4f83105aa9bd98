# source: https://github.com/mulanai/MuLan/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: adapter-after-placement
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class ProjectionBlock(nn.Module):
    def __init__(self, in_dim, out_dim):
        super().__init__()
        self.proj = nn.Sequential(nn.Linear(in_dim, out_dim), nn.GELU(), nn.Linear(out_dim, out_dim))
        self.norm = nn.LayerNorm(out_dim)

    def forward(self, x):
        return self.norm(self.proj(x))


class LanguageAdapter(nn.Module):
    def __init__(self, text_dim=1024, cross_attn_dim=2048, pooled_dim=1280):
        super().__init__()
        self.adapter1 = ProjectionBlock(text_dim, cross_attn_dim)
        self.adapter2 = ProjectionBlock(text_dim, pooled_dim)

    def forward(self, encoder_hidden_states, pooled_states):
        prompt_embeds = self.adapter1(encoder_hidden_states)
        pooled_embeds = self.adapter2(pooled_states)
        return prompt_embeds, pooled_embeds


def load_language_adapter(path, **kwargs):
    adapter = LanguageAdapter(**kwargs)
    state_dict = torch.load(path, map_location="cpu")
    adapter.load_state_dict(state_dict)
    return adapter.eval()
