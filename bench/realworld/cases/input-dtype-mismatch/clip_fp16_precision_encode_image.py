# source: https://github.com/mlfoundations/open_clip/issues/79
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: helper, class
# bug-lines: 61, 65
# cpu: raises "Input type (float) and bias type (c10::Half)"
# needs: numpy, torch

import numpy as np
import torch
import torch.nn as nn

MEAN = (0.48145466, 0.4578275, 0.40821073)
STD = (0.26862954, 0.26130258, 0.27577711)


class TinyCLIP(nn.Module):
    def __init__(self, embed_dim=32, width=48, vocab_size=64, patch=8):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, kernel_size=patch, stride=patch, bias=True)
        self.visual_proj = nn.Linear(width, embed_dim)
        self.token_embedding = nn.Embedding(vocab_size, width)
        self.text_proj = nn.Linear(width, embed_dim)

    def encode_image(self, image):
        x = self.conv1(image).flatten(2).mean(-1)
        return self.visual_proj(x)

    def encode_text(self, text):
        return self.text_proj(self.token_embedding(text).mean(1))


def create_model_and_transforms(precision="fp32", device="cpu"):
    model = TinyCLIP().to(device)
    if precision == "fp16":
        model = model.to(torch.float16)
    model.eval()
    mean = torch.tensor(MEAN).view(3, 1, 1)
    std = torch.tensor(STD).view(3, 1, 1)

    def preprocess(img):
        t = torch.from_numpy(img).permute(2, 0, 1).float() / 255.0
        return (t - mean) / std

    return model, None, preprocess


def tokenize(texts, context_length=8, vocab_size=64):
    out = torch.zeros(len(texts), context_length, dtype=torch.long)
    for i, text in enumerate(texts):
        ids = [ord(ch) % vocab_size for ch in text][:context_length]
        out[i, : len(ids)] = torch.tensor(ids)
    return out


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model, _, preprocess = create_model_and_transforms(precision="fp16", device=device)

rng = np.random.default_rng(0)
picture = rng.integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
image = preprocess(picture).unsqueeze(0).to(device)
text = tokenize(["a diagram", "a dog", "a cat"]).to(device)

with torch.no_grad():
    image_features = model.encode_image(image)
    text_features = model.encode_text(text)
    image_features /= image_features.norm(dim=-1, keepdim=True)
    text_features /= text_features.norm(dim=-1, keepdim=True)
    text_probs = (100.0 * image_features @ text_features.T).softmax(dim=-1)

print("Label probs:", text_probs)
