# source: https://github.com/AnswerDotAI/byaldi/issues/48 https://github.com/merveenoyan/smol-vision/issues/17
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (CUDABFloat16Type) should be the same
# pattern: input-dtype-mismatch
# shape: class, batch-dict, helper
# bug-lines: 48, 49
# cpu: raises "Input type (float) and bias type (c10::BFloat16)"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn


class PageEmbedder(nn.Module):
    """Stand-in for ColPali: a patch-conv vision tower plus a projection head."""

    def __init__(self, dim=32, patch=8):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, dim, kernel_size=patch, stride=patch)
        self.custom_text_proj = nn.Linear(dim, 16)

    def forward(self, pixel_values, attention_mask=None):
        x = self.patch_embed(pixel_values).flatten(2).transpose(1, 2)
        return nn.functional.normalize(self.custom_text_proj(x), dim=-1)


def process_images(images, size=32):
    """Processor-like helper: list of HxWx3 uint8 pages -> batch dict of float32 tensors."""
    arr = np.stack([img[:size, :size] for img in images]).astype(np.float32) / 255.0
    pixel_values = torch.from_numpy(arr).permute(0, 3, 1, 2).contiguous()
    mask = torch.ones(pixel_values.shape[0], (size // 8) ** 2, dtype=torch.long)
    return {"pixel_values": pixel_values, "attention_mask": mask}


class MultiModalIndex:
    def __init__(self, device="cuda"):
        self.device = torch.device(device)
        self.model = PageEmbedder().to(self.device, dtype=torch.bfloat16).eval()
        self.store = []

    def add_pages(self, pages, batch_size=2):
        for start in range(0, len(pages), batch_size):
            embs = self._encode_images(pages[start:start + batch_size])
            self.store.extend(embs.float().cpu())

    @torch.no_grad()
    def _encode_images(self, images):
        batch = process_images(images)
        batch = {k: v.to(self.device) for k, v in batch.items()}
        return self.model(**batch)


if __name__ == "__main__":
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    index = MultiModalIndex(dev)
    pages = [np.random.randint(0, 255, (40, 40, 3), dtype=np.uint8) for _ in range(3)]
    index.add_pages(pages)
    print(len(index.store))
