# source: https://github.com/openai/gpt-oss/issues/271
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, helper
# bug-lines: 26
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

from cache import Cache
from model import ModelConfig, Transformer

CONTEXT = 4096
CONCURRENT_SESSIONS = 1


def load_model(checkpoint, device):
    model = Transformer(ModelConfig())
    model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    return model.to(device).eval()


def get_infer_next_token(checkpoint, device=torch.device("cuda:0")):
    model = load_model(checkpoint, device)
    caches = [
        Cache(CONCURRENT_SESSIONS, CONTEXT, model.config.num_key_value_heads)
        for _ in range(len(model.block))
    ]

    # warm-up prefill so the first request does not pay for kernel selection
    warmup = torch.zeros((CONCURRENT_SESSIONS, 16), dtype=torch.long, device=device)
    with torch.inference_mode():
        model(warmup, caches)
    for cache in caches:
        cache.reset()

    def infer_next_token(tokens, temperature=0.0, new_request=False):
        if new_request:
            for cache in caches:
                cache.reset()
        x = torch.as_tensor(tokens, dtype=torch.long, device=device)[None, :]
        with torch.inference_mode():
            logits = model(x, caches)[0, -1].float()
        if temperature == 0.0:
            return int(torch.argmax(logits).item())
        probs = torch.softmax(logits / temperature, dim=-1)
        return int(torch.multinomial(probs, num_samples=1).item())

    return infer_next_token
