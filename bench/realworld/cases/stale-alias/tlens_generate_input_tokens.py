# source: https://github.com/TransformerLensOrg/TransformerLens/issues/1508 https://github.com/TransformerLensOrg/TransformerLens/pull/1509
# error: RuntimeError: Expected all tensors to be on the same device, but got tensors is on cuda:0, different from other tensors on cpu (when checking argument in method wrapper_CUDA_cat)
# pattern: stale-alias
# shape: class, helper
# bug-lines: 31, 53, 63, 65, 73
# cpu: clean
# needs: torch
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F


class Config:
    def __init__(self, d_vocab=50, d_model=32, n_ctx=64, device=None):
        self.d_vocab = d_vocab
        self.d_model = d_model
        self.n_ctx = n_ctx
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")


def get_device_for_block_index(index: int, cfg: Config) -> torch.device:
    return torch.device(cfg.device)


def sample_logits(final_logits, temperature=1.0, freq_penalty=0.0, tokens=None):
    logits = final_logits / temperature
    if tokens is not None and freq_penalty > 0:
        counts = F.one_hot(tokens, logits.size(-1)).sum(dim=1)
        logits = logits - freq_penalty * counts
    return torch.distributions.Categorical(logits=logits).sample()


class TinyHooked(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        self.embed = nn.Embedding(cfg.d_vocab, cfg.d_model)
        self.pos = nn.Embedding(cfg.n_ctx, cfg.d_model)
        self.block = nn.TransformerEncoderLayer(cfg.d_model, 4, 64, batch_first=True)
        self.unembed = nn.Linear(cfg.d_model, cfg.d_vocab)
        self.to(cfg.device)

    def forward(self, tokens):
        pos = torch.arange(tokens.size(1), device=tokens.device)
        return self.unembed(self.block(self.embed(tokens) + self.pos(pos)))

    @torch.no_grad()
    def generate(self, input, max_new_tokens=8, do_sample=True, freq_penalty=0.5,
                 temperature=1.0) -> torch.Tensor:
        input_type = "tokens" if input.ndim == 2 else "embeds"
        input_tokens: Optional[torch.Tensor] = input if input_type == "tokens" else None

        device = get_device_for_block_index(0, self.cfg)
        input = input.to(device)

        sampled_tokens_list = []
        tokens = input
        for _ in range(max_new_tokens):
            final_logits = self(tokens)[:, -1, :]
            if do_sample:
                history = input_tokens
                if sampled_tokens_list:
                    history = torch.cat((input_tokens, torch.cat(sampled_tokens_list, dim=1)), dim=1)
                sampled = sample_logits(final_logits, temperature, freq_penalty, tokens=history)
            else:
                sampled = final_logits.argmax(-1)
            sampled_tokens_list.append(sampled.unsqueeze(1))
            tokens = torch.cat((tokens, sampled.unsqueeze(1)), dim=1)

        sampled_tokens = torch.cat(sampled_tokens_list, dim=1)
        return torch.cat((input_tokens, sampled_tokens), dim=1)


if __name__ == "__main__":
    model = TinyHooked(Config())
    prompt = torch.randint(0, 50, (2, 5))
    print(model.generate(prompt, max_new_tokens=6).shape)
