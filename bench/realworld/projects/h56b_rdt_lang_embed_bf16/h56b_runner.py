# source: https://github.com/thu-ml/RoboticsDiffusionTransformer/issues/21
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got BFloat16 and Float
# pattern: input-dtype-mismatch
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Diffusion action head for a language-conditioned manipulation policy.
Condition tokens (language / image / proprio) are projected to the model width
by small adaptors and attended to by a transformer denoiser."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def build_condition_adapter(in_dim, out_dim, hidden=1024):
    return nn.Sequential(nn.Linear(in_dim, hidden), nn.GELU(approximate="tanh"),
                         nn.Linear(hidden, out_dim))


class DiffusionPolicyRunner(nn.Module):
    def __init__(self, action_dim=14, horizon=64, hidden=512, lang_dim=4096, img_dim=1152,
                 state_dim=128, num_steps=100):
        super().__init__()
        self.action_dim, self.horizon, self.num_steps = action_dim, horizon, num_steps
        self.lang_adaptor = build_condition_adapter(lang_dim, hidden)
        self.img_adaptor = build_condition_adapter(img_dim, hidden)
        self.state_adaptor = build_condition_adapter(state_dim, hidden)
        self.action_in = nn.Linear(action_dim, hidden)
        self.time_embed = nn.Embedding(num_steps, hidden)
        layer = nn.TransformerDecoderLayer(hidden, nhead=8, batch_first=True)
        self.denoiser = nn.TransformerDecoder(layer, num_layers=4)
        self.action_out = nn.Linear(hidden, action_dim)
        betas = torch.linspace(1e-4, 0.02, num_steps)
        self.register_buffer("alphas_cumprod", torch.cumprod(1.0 - betas, dim=0))

    def conditions(self, lang_tokens, img_tokens, state_tokens):
        return torch.cat([self.lang_adaptor(lang_tokens), self.img_adaptor(img_tokens),
                          self.state_adaptor(state_tokens)], dim=1)

    def compute_loss(self, lang_tokens, img_tokens, state_tokens, action_gt):
        batch = action_gt.shape[0]
        cond = self.conditions(lang_tokens, img_tokens, state_tokens)
        t = torch.randint(0, self.num_steps, (batch,), device=action_gt.device)
        noise = torch.randn_like(action_gt)
        a_bar = self.alphas_cumprod[t].view(batch, 1, 1)
        noisy = a_bar.sqrt() * action_gt + (1 - a_bar).sqrt() * noise
        x = self.action_in(noisy) + self.time_embed(t).unsqueeze(1)
        pred = self.action_out(self.denoiser(x, cond))
        return F.mse_loss(pred, noise)
