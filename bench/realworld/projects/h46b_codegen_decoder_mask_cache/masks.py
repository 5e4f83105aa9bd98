# source: https://github.com/pytorch/text/pull/1977
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Memoised attention masks for the code decoder (built once per length)."""
import torch


class CausalMaskCache:
    def __init__(self, max_cached=8):
        self._cache = {}
        self.max_cached = max_cached

    def get(self, size, device=None, dtype=torch.float32):
        key = (size, str(device), dtype)
        if key not in self._cache:
            if len(self._cache) >= self.max_cached:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = self.build(size, device=device, dtype=dtype)
        return self._cache[key]

    @staticmethod
    def build(size, device=None, dtype=torch.float32):
        mask = torch.full((size, size), float("-inf"), device=device, dtype=dtype)
        return torch.triu(mask, diagonal=1)


def padding_mask(token_ids, pad_id):
    """True where a position is padding (what nn.Transformer* expects)."""
    return token_ids.eq(pad_id)
