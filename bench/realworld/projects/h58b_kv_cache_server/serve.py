# source: https://github.com/tenstorrent/tt-xla/pull/1652
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper
# bug-lines: 23
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

from kv_cache import build_kv_cache
from model import TinyDecoder


class GenerationSession:
    def __init__(self, model, max_len=512):
        self.model = model
        self.max_len = max_len
        self.device = next(model.parameters()).device
        self.caches = None

    def start(self, prompt_ids):
        batch = prompt_ids.size(0)
        self.caches = build_kv_cache(
            self.model.n_layers,
            batch,
            self.model.n_heads,
            self.max_len,
            self.model.head_dim,
            dtype=torch.float16,
        )
        return self.step(prompt_ids.to(self.device))

    @torch.no_grad()
    def step(self, ids):
        logits = self.model(ids, self.caches)
        return logits[:, -1].argmax(dim=-1, keepdim=True)

    def generate(self, prompt_ids, max_new_tokens=32):
        token = self.start(prompt_ids)
        generated = [token]
        for _ in range(max_new_tokens - 1):
            token = self.step(token)
            generated.append(token)
        return torch.cat(generated, dim=1)


if __name__ == "__main__":
    model = TinyDecoder().to("cuda", torch.float16).eval()
    session = GenerationSession(model)
    warmup_prompt = torch.randint(0, 32000, (1, 16))
    print(session.generate(warmup_prompt).shape)
