# source: https://github.com/avalan-ai/avalan/pull/334
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: class, helper, batch-dict
# looks-like: inputs-not-moved
# needs: torch, transformers, pillow
# cpu: no written where torch was not installed; not run
"""Image-to-text model wrapper (captioning / OCR-free document reading) with batched requests."""
from dataclasses import dataclass

import torch
from PIL import Image
from transformers import AutoModelForVision2Seq, AutoProcessor


@dataclass
class VisionRequest:
    image_path: str
    prompt: str = ""


class VisionTextModel:
    def __init__(self, model_id="microsoft/git-base-coco", device=None, dtype=torch.float32):
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.processor = AutoProcessor.from_pretrained(model_id)
        self.model = AutoModelForVision2Seq.from_pretrained(model_id, torch_dtype=dtype)
        self.model.to(self.device).eval()

    def _model_device(self):
        return next(self.model.parameters()).device

    def _prepare_inputs(self, requests):
        images = [Image.open(r.image_path).convert("RGB") for r in requests]
        prompts = [r.prompt for r in requests]
        if any(prompts):
            encoded = self.processor(images=images, text=prompts, padding=True, return_tensors="pt")
        else:
            encoded = self.processor(images=images, return_tensors="pt")
        device = self._model_device()
        dtype = self.model.dtype
        return {
            name: (t.to(device, dtype=dtype) if t.is_floating_point() else t.to(device))
            for name, t in encoded.items()
        }

    @torch.inference_mode()
    def __call__(self, requests, max_new_tokens=50):
        inputs = self._prepare_inputs(requests)
        output_ids = self.model.generate(**inputs, max_new_tokens=max_new_tokens)
        return [t.strip() for t in self.processor.batch_decode(output_ids, skip_special_tokens=True)]


if __name__ == "__main__":
    reader = VisionTextModel()
    print(reader([VisionRequest("receipt.jpg"), VisionRequest("street.jpg")]))
