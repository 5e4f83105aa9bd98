# source: https://github.com/facebookresearch/sam3/issues/507
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got BFloat16 and Float
# pattern: partial-dtype-cast
# shape: class, batch-dict
# bug-lines: 51, 64
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Promptable segmentation for aerial tiles: cache image embeddings once, then query them with text prompts."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image


class ViTBackbone(nn.Module):
    def __init__(self, dim=256, depth=6, patch=16):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, dim, patch, stride=patch)
        layer = nn.TransformerEncoderLayer(dim, 8, 4 * dim, batch_first=True, norm_first=True)
        self.blocks = nn.TransformerEncoder(layer, depth)

    def forward(self, x):
        x = self.patch_embed(x)
        h, w = x.shape[-2:]
        return self.blocks(x.flatten(2).transpose(1, 2)), (h, w)


class TextPromptDecoder(nn.Module):
    def __init__(self, dim=256, vocab=49408):
        super().__init__()
        self.token_embed = nn.Embedding(vocab, dim)
        self.cross_attn = nn.MultiheadAttention(dim, 8, batch_first=True)
        self.mask_mlp = nn.Sequential(nn.Linear(dim, dim), nn.GELU(), nn.Linear(dim, dim))

    def forward(self, image_tokens, hw, token_ids):
        query = self.token_embed(token_ids).mean(1, keepdim=True)
        query, _ = self.cross_attn(query, image_tokens, image_tokens)
        pixel = self.mask_mlp(image_tokens)
        logits = (pixel @ query.transpose(1, 2)).transpose(1, 2)
        return logits.reshape(-1, 1, *hw)


class SegProcessor:
    def __init__(self, backbone, decoder, device="cuda", resolution=1008):
        self.device = torch.device(device)
        self.resolution = resolution
        self.backbone = backbone.to(self.device).eval()
        self.decoder = decoder.to(self.device).eval()
        if self.device.type == "cuda":
            self.backbone.to(torch.bfloat16)

    @torch.inference_mode()
    def set_image(self, image):
        arr = np.asarray(image.convert("RGB").resize((self.resolution,) * 2), dtype=np.float32) / 255.0
        x = torch.from_numpy(arr).permute(2, 0, 1)[None].to(self.device)
        x = x.to(next(self.backbone.parameters()).dtype)
        tokens, hw = self.backbone(x)
        return {"image_tokens": tokens, "hw": hw, "orig_size": image.size[::-1]}

    @torch.inference_mode()
    def set_text_prompt(self, state, token_ids):
        ids = torch.as_tensor(token_ids, device=self.device)[None]
        logits = self.decoder(state["image_tokens"], state["hw"], ids)
        masks = F.interpolate(logits.float(), size=state["orig_size"], mode="bilinear", align_corners=False)
        return {"masks": masks > 0, "scores": logits.sigmoid().amax(dim=(-2, -1))}


if __name__ == "__main__":
    processor = SegProcessor(ViTBackbone(), TextPromptDecoder())
    state = processor.set_image(Image.open("tiles/site_042.tif"))
    out = processor.set_text_prompt(state, token_ids=[320, 1615, 269])
    print(out["masks"].sum().item(), out["scores"])
