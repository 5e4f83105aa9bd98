# source: https://github.com/oxai/debias-vision-lang/issues/1
# error: RuntimeError: mat1 and mat2 must have the same dtype
# pattern: partial-dtype-cast
# shape: multi-file, class
# bug-lines: 39
# needs: torch, clip
# cpu: no written where torch was not installed; not run
"""CLIP wrapper that prepends learnable "debias" prompt tokens to every text query."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class DebiasCLIP(nn.Module):
    def __init__(self, clip_model, num_debias_tokens=2):
        super().__init__()
        self.clip = clip_model
        self.n_tok = num_debias_tokens
        width = clip_model.token_embedding.weight.shape[1]
        self.debias_tokens = nn.Parameter(torch.randn(num_debias_tokens, width) * 0.02)
        for p in self.clip.parameters():
            p.requires_grad_(False)

    @property
    def dtype(self):
        return self.clip.visual.conv1.weight.dtype

    def encode_image(self, images):
        return self.clip.encode_image(images.type(self.dtype))

    def encode_text(self, text):
        b = text.shape[0]
        x = self.clip.token_embedding(text).type(self.dtype)
        prompts = self.debias_tokens.unsqueeze(0).expand(b, -1, -1)
        # keep <sot>, insert the debias prompts, drop the last n padding slots
        x = torch.cat([x[:, :1], prompts, x[:, 1:-self.n_tok]], dim=1)
        x = x + self.clip.positional_embedding.type(self.dtype)
        x = x.permute(1, 0, 2)
        x = self.clip.transformer(x)
        x = x.permute(1, 0, 2)
        x = self.clip.ln_final(x)
        eot = text.argmax(dim=-1) + self.n_tok
        return x[torch.arange(b), eot] @ self.clip.text_projection

    def forward(self, images, text):
        img = F.normalize(self.encode_image(images), dim=-1)
        txt = F.normalize(self.encode_text(text), dim=-1)
        return self.clip.logit_scale.exp() * img @ txt.t()
