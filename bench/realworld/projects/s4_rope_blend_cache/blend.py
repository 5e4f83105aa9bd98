# source: https://github.com/LMCache/LMCache-Ascend/pull/71
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and npu:0! (when checking argument for argument index in method wrapper_NPU__index_select)
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper
# bug-lines: 22
# cpu: clean
# needs: torch

import torch

from rope import get_rope


class ReverseRope:
    """Undo the rotation applied to cached keys so they can be re-positioned."""

    def __init__(self, rope, rotary_dim):
        self.cos_sin_cache = rope.cos_sin_cache
        self.rotary_dim = rotary_dim

    def _lookup(self, positions):
        cos_sin = self.cos_sin_cache.index_select(0, positions)
        cos, sin = cos_sin.chunk(2, dim=-1)
        return cos.unsqueeze(-2), sin.unsqueeze(-2)

    def __call__(self, positions, keys):
        cos, sin = self._lookup(positions)
        half = self.rotary_dim // 2
        k1, k2 = keys[..., :half], keys[..., half:]
        return torch.cat((k1 * cos + k2 * sin, k2 * cos - k1 * sin), dim=-1)


class FusedRope:
    def __init__(self, rope):
        self.rope = rope
        self.reverse = ReverseRope(rope, rope.head_size)

    def reposition(self, old_positions, new_positions, keys):
        plain = self.reverse(old_positions, keys)
        inverse_new = ReverseRope(self.rope, self.rope.head_size)
        return inverse_new(-new_positions % self.rope.max_position, plain)


def get_fused_rope(head_size, max_position, dtype):
    rope = get_rope(head_size, max_position, dtype)
    return FusedRope(rope)
