# source: https://github.com/weaviate/multi2vec-clip-inference/pull/10
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: inputs-not-moved
# shape: class, batch-dict
# bug-lines: 42, 43, 47, 48
# cpu: no needs a local model download
# needs: torch, transformers
import os
from dataclasses import dataclass, field
from threading import Lock
from typing import List

import torch
from transformers import CLIPModel, CLIPProcessor


@dataclass
class ClipInput:
    texts: List[str] = field(default_factory=list)
    images: list = field(default_factory=list)


@dataclass
class ClipResult:
    text_vectors: list
    image_vectors: list


class ClipInferenceOpenAI:
    def __init__(self, cuda, cuda_core):
        device = "cpu"
        if cuda:
            device = cuda_core
        self.clip_model = CLIPModel.from_pretrained("./models/openai_clip").to(device)
        self.processor = CLIPProcessor.from_pretrained("./models/openai_clip_processor")
        self.lock = Lock()

    def vectorize(self, payload: ClipInput) -> ClipResult:
        text_vectors, image_vectors = [], []
        with self.lock, torch.no_grad():
            if payload.texts:
                inputs = self.processor(text=payload.texts, return_tensors="pt", padding=True)
                text_outputs = self.clip_model.text_model(**inputs)
                text_embeds = self.clip_model.text_projection(text_outputs[1])
                text_vectors = (text_embeds / text_embeds.norm(dim=-1, keepdim=True)).tolist()
            if payload.images:
                inputs = self.processor(images=payload.images, return_tensors="pt")
                vision_outputs = self.clip_model.vision_model(**inputs)
                image_embeds = self.clip_model.visual_projection(vision_outputs[1])
                image_vectors = (image_embeds / image_embeds.norm(dim=-1, keepdim=True)).tolist()
        return ClipResult(text_vectors=text_vectors, image_vectors=image_vectors)


if __name__ == "__main__":
    enable_cuda = os.getenv("ENABLE_CUDA") == "1"
    core = os.getenv("CUDA_CORE", "cuda:0")
    clip = ClipInferenceOpenAI(enable_cuda, core)
    result = clip.vectorize(ClipInput(texts=["a photo of a cat", "a red car"]))
    print(len(result.text_vectors), len(result.text_vectors[0]))
