# source: https://github.com/bytedance/Dolphin/pull/150
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: class, helper
# looks-like: input-dtype-mismatch
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn


class TinyDocParser(nn.Module):
    def __init__(self, dim=24, vocab=50):
        super().__init__()
        self.patch = nn.Conv2d(3, dim, 8, stride=8)
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, vocab)

    def forward(self, pixel_values):
        x = self.patch(pixel_values).flatten(2).transpose(1, 2)
        return self.head(self.norm(x)).mean(1)


class DOLPHIN:
    def __init__(self, model_id_or_path=None):
        self.model = TinyDocParser()
        self.model.eval()
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.dtype = torch.float16 if self.device == "cuda" else torch.float32
        self.model.to(device=self.device, dtype=self.dtype)
        self.mean = np.array([0.5, 0.5, 0.5], dtype=np.float32)

    def prepare_image(self, image):
        arr = image.astype(np.float32) / 255.0
        arr = (arr - self.mean) / 0.5
        pixel_values = torch.from_numpy(arr.transpose(2, 0, 1).copy()).unsqueeze(0)
        return pixel_values.to(device=self.device, dtype=self.dtype)

    @torch.no_grad()
    def chat(self, prompt, image):
        pixel_values = self.prepare_image(image)
        logits = self.model(pixel_values)
        return prompt, logits.float().argmax(-1).tolist()


if __name__ == "__main__":
    model = DOLPHIN()
    page = np.random.randint(0, 255, (64, 48, 3), dtype=np.uint8)
    print(model.chat("Parse the reading order of this document.", page))
