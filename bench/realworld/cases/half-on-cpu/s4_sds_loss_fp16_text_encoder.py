# source: https://github.com/Shiriluz/Word-As-Image/issues/13
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 39, 40, 44
# cpu: clean
# needs: torch, transformers
import argparse

import torch
import torch.nn as nn
from transformers import CLIPTextConfig, CLIPTextModel


class LatentScorer(nn.Module):
    def __init__(self, text_dim=32):
        super().__init__()
        self.cond = nn.Linear(text_dim, 4)
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, latents, text_emb):
        return self.conv(latents) + self.cond(text_emb.mean(1))[:, :, None, None]


def get_device(cfg):
    if cfg.use_gpu and torch.cuda.is_available():
        return torch.device("cuda")
    return torch.device("cpu")


class SDSLoss(nn.Module):
    def __init__(self, cfg, device):
        super().__init__()
        self.device = device
        tcfg = CLIPTextConfig(vocab_size=100, hidden_size=32, intermediate_size=64,
                              num_hidden_layers=2, num_attention_heads=4,
                              bos_token_id=0, eos_token_id=1)
        # the original loads the whole StableDiffusionPipeline with torch_dtype=torch.float16
        self.text_encoder = CLIPTextModel(tcfg).to(self.device, dtype=torch.float16)
        self.scorer = LatentScorer().to(self.device, dtype=torch.float16)
        self.text_embeddings = None

    def embed_text(self, token_ids):
        self.text_embeddings = self.text_encoder(token_ids.to(self.device)).last_hidden_state

    def forward(self, latents):
        noise = torch.randn_like(latents)
        pred = self.scorer(latents + noise, self.text_embeddings)
        return ((pred - noise) ** 2).mean()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--use_gpu", type=int, default=1)
    cfg = p.parse_args([])
    device = get_device(cfg)
    loss_fn = SDSLoss(cfg, device)
    loss_fn.embed_text(torch.randint(0, 100, (1, 8)))
    z = torch.randn(1, 4, 8, 8, device=device, dtype=torch.float16)
    print(loss_fn(z).item())
