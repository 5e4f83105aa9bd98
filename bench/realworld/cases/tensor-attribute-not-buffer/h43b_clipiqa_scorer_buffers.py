# source: https://github.com/photosynthesis-team/piq/issues/389
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run

"""CLIP-IQA style no-reference quality scorer: cosine to "good photo" vs "bad photo" anchors."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

OPENAI_CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
OPENAI_CLIP_STD = (0.26862954, 0.26130258, 0.27577711)


class TinyImageEncoder(nn.Module):
    def __init__(self, dim=256):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 32, 7, stride=4, padding=3), nn.GELU(),
                                  nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.GELU(),
                                  nn.AdaptiveAvgPool2d(1))
        self.proj = nn.Linear(64, dim)

    def forward(self, x):
        return self.proj(self.stem(x).flatten(1))


class CLIPIQAScorer(nn.Module):
    def __init__(self, encoder, anchors, data_range=255.0):
        super().__init__()
        self.encoder = encoder
        self.data_range = data_range
        self.register_buffer("default_mean", torch.tensor(OPENAI_CLIP_MEAN).view(1, 3, 1, 1))
        self.register_buffer("default_std", torch.tensor(OPENAI_CLIP_STD).view(1, 3, 1, 1))
        self.register_buffer("anchors", F.normalize(anchors, dim=-1))  # (2, dim): good / bad prompt

    def forward(self, x):
        x = x.float() / self.data_range
        x = F.interpolate(x, size=224, mode="bicubic", align_corners=False)
        x = (x - self.default_mean) / self.default_std
        feats = F.normalize(self.encoder(x), dim=-1)
        logits = 100.0 * feats @ self.anchors.t()
        return logits.softmax(dim=-1)[:, 0]


@torch.no_grad()
def score_folder(scorer, images, device, batch_size=8):
    scores = []
    for (batch,) in DataLoader(TensorDataset(images), batch_size=batch_size):
        scores.append(scorer(batch.to(device)).cpu())
    return torch.cat(scores)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    text_anchors = torch.randn(2, 256)  # would come from the text tower for "Good photo." / "Bad photo."
    scorer = CLIPIQAScorer(TinyImageEncoder(), text_anchors).to(device).eval()
    images = torch.randint(0, 256, (20, 3, 300, 400), dtype=torch.uint8)
    quality = score_folder(scorer, images, device)
    print("mean CLIP-IQA:", quality.mean().item(), "worst image:", quality.argmin().item())
