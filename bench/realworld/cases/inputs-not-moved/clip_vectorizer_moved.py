# source: https://github.com/weaviate/multi2vec-clip-inference/pull/10
# error: none (correct version of the shape)
# pattern: inputs-not-moved
# shape: class, batch-dict
# looks-like: inputs-not-moved
# cpu: no needs a local model download
# needs: torch, transformers
import os
from threading import Lock
from typing import List

import torch
from transformers import CLIPModel, CLIPProcessor


class ClipInferenceOpenAI:
    def __init__(self, cuda: bool, cuda_core: str = "cuda:0"):
        self.device = cuda_core if cuda else "cpu"
        self.clip_model = CLIPModel.from_pretrained("./models/openai_clip").to(self.device)
        self.clip_model.eval()
        self.processor = CLIPProcessor.from_pretrained("./models/openai_clip_processor")
        self.lock = Lock()

    def _encode_text(self, texts: List[str]):
        inputs = self.processor(text=texts, return_tensors="pt", padding=True).to(self.device)
        outputs = self.clip_model.text_model(**inputs)
        return self.clip_model.text_projection(outputs[1])

    def _encode_images(self, images):
        pixel_values = self.processor(images=images, return_tensors="pt")["pixel_values"]
        outputs = self.clip_model.vision_model(pixel_values=pixel_values.to(self.device))
        return self.clip_model.visual_projection(outputs[1])

    def vectorize(self, texts: List[str], images=()):
        text_vectors, image_vectors = [], []
        with self.lock, torch.no_grad():
            if texts:
                emb = self._encode_text(texts)
                text_vectors = (emb / emb.norm(dim=-1, keepdim=True)).cpu().tolist()
            if images:
                emb = self._encode_images(list(images))
                image_vectors = (emb / emb.norm(dim=-1, keepdim=True)).cpu().tolist()
        return text_vectors, image_vectors


if __name__ == "__main__":
    clip = ClipInferenceOpenAI(os.getenv("ENABLE_CUDA") == "1" and torch.cuda.is_available())
    text_vectors, _ = clip.vectorize(["a photo of a cat", "a red car"])
    print(len(text_vectors), len(text_vectors[0]))
