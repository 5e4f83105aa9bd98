# source: https://github.com/OpenBMB/MiniCPM-V/issues/318
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: type-cast-without-device
# shape: multi-file, class, batch-dict
# bug-lines: 41
# cpu: clean
# needs: torch
import math

import torch
import torch.nn as nn


class SiglipLikeVision(nn.Module):
    def __init__(self, patch=4, dim=16):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, dim, patch, stride=patch)
        self.patch_embed.patch_size = (patch, patch)
        self.pos_embed = nn.Parameter(torch.zeros(1, 64, dim))

    def forward_features(self, x):
        x = self.patch_embed(x).flatten(2).transpose(1, 2)
        return x + self.pos_embed[:, : x.shape[1]]


class MiniCPMV(nn.Module):
    def __init__(self, vocab=50, dim=32):
        super().__init__()
        self.vpm = SiglipLikeVision()
        self.resampler = nn.Linear(16, dim)
        self.embed_tokens = nn.Embedding(vocab, dim)
        self.lm_head = nn.Linear(dim, vocab)

    def get_vision_embedding(self, pixel_values):
        res = []
        dtype = self.vpm.pos_embed.data.dtype
        for pixel_value in pixel_values:
            H, W = pixel_value.shape[-2:]
            tgt_size = (math.ceil(H / self.vpm.patch_embed.patch_size[0]),
                        math.ceil(W / self.vpm.patch_embed.patch_size[0]))
            vision_embedding = self.vpm.forward_features(pixel_value.unsqueeze(0).type(dtype))
            res.append(self.resampler(vision_embedding[:, : tgt_size[0] * tgt_size[1]]))
        return res

    def get_vllm_embedding(self, data):
        vision_hidden_states = [self.get_vision_embedding(pv) for pv in data["pixel_values"]]
        vllm_embedding = self.embed_tokens(data["input_ids"])
        for i, states in enumerate(vision_hidden_states):
            img = torch.cat(states, dim=1)[0]
            vllm_embedding[i, : img.shape[0]] = img
        return vllm_embedding, vision_hidden_states

    def forward(self, data):
        vllm_embedding, _ = self.get_vllm_embedding(data)
        return self.lm_head(vllm_embedding)
