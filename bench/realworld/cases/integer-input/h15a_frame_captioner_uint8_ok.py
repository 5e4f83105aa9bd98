# source: https://github.com/open-mmlab/mmtracking/issues/390
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: integer-input
# shape: helper, class, loader-loop
# looks-like: integer-input
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Score candidate captions for sampled video frames; frames arrive as uint8 from OpenCV."""
import cv2
import numpy as np
import torch
from torch import nn

MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


def frames_to_tensor(frames, device):
    batch = np.stack([cv2.cvtColor(cv2.resize(f, (224, 224)), cv2.COLOR_BGR2RGB) for f in frames])
    batch = torch.from_numpy(batch).to(device).permute(0, 3, 1, 2)
    batch = batch.float().div_(255.0)
    return (batch - MEAN.to(device)) / STD.to(device)


class FrameCaptionScorer(nn.Module):
    def __init__(self, vocab_size=8000, dim=256):
        super().__init__()
        self.image_enc = nn.Sequential(nn.Conv2d(3, 64, 7, stride=4, padding=3), nn.ReLU(),
                                       nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, dim))
        self.token_emb = nn.EmbeddingBag(vocab_size, dim, mode="mean")

    def forward(self, images, token_ids, offsets):
        img = nn.functional.normalize(self.image_enc(images), dim=-1)
        txt = nn.functional.normalize(self.token_emb(token_ids, offsets), dim=-1)
        return img @ txt.t()


def sample_frames(path, every=30):
    cap = cv2.VideoCapture(path)
    frames, idx = [], 0
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        if idx % every == 0:
            frames.append(frame)
        idx += 1
    return frames


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = FrameCaptionScorer().to(device).eval()
    captions = [[12, 55, 903], [7, 88], [431, 2, 19, 6]]
    token_ids = torch.tensor([t for c in captions for t in c], dtype=torch.long, device=device)
    offsets = torch.tensor(np.cumsum([0] + [len(c) for c in captions[:-1]]), dtype=torch.long, device=device)
    frames = sample_frames("clips/kitchen_0001.mp4")
    with torch.no_grad():
        for start in range(0, len(frames), 16):
            images = frames_to_tensor(frames[start:start + 16], device)
            sims = model(images, token_ids, offsets)
            print(sims.argmax(dim=1).tolist())
