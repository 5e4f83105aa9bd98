# source: https://github.com/oobabooga/textgen/issues/4644
# error: RuntimeError: mat1 and mat2 must have the same dtype
# pattern: partial-dtype-cast
# shape: multi-file, class
# bug-lines: 30
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch

from vision_stack import load_vision_stack, parse_dtype


class LlavaImageEmbedder:
    NUM_PATCHES = 576

    def __init__(self, params, lm_device, lm_dtype):
        self.processor, self.tower, self.projector = load_vision_stack(params)
        self.vision_device = torch.device(params.get("vision_device", "cuda:0"))
        self.vision_dtype = parse_dtype(params.get("vision_bits", 16))
        self.projector_device = torch.device(params.get("projector_device", "cuda:0"))
        self.projector_dtype = parse_dtype(params.get("projector_bits", 16))
        self.lm_device, self.lm_dtype = lm_device, lm_dtype

    @torch.no_grad()
    def embed_images(self, images):
        pixels = self.processor(images, return_tensors="pt")["pixel_values"]
        pixels = pixels.to(self.vision_device, dtype=self.vision_dtype)
        hidden = self.tower(pixels, output_hidden_states=True).hidden_states[-2][:, 1:]
        feats = hidden.to(self.projector_device, dtype=self.projector_dtype)
        feats = self.projector(feats)
        return feats.to(self.lm_device, dtype=self.lm_dtype)
