# Class weights kept in float32 on purpose meet a float16 model's output in a
# matrix product, which does not promote.
import clip
import torch
from torch import nn


def build_head(encoder, prompts, device):
    rows = [encoder(p.to(device)) for p in prompts]
    return torch.stack(rows, dim=1).float()


class ZeroShot(nn.Module):
    def __init__(self, encoder, prompts, device):
        super().__init__()
        self.encoder = encoder
        self.weights = build_head(encoder, prompts, device)

    def forward(self, x):
        feats = self.encoder(x)
        return feats @ self.weights  # expect: TL107:16 lines=10


def clip_scores(images, names):
    # clip.load on a GPU gives the model in float16
    model, _ = clip.load("ViT-B/32", device="cuda")
    tokens = clip.tokenize([f"a photo of a {n}" for n in names]).to("cuda")
    text = model.encode_text(tokens).float()
    return model.encode_image(images.to("cuda")) @ text.T  # expect: TL107:12 lines=28


if __name__ == "__main__":
    device = "cuda"
    encoder = nn.Linear(16, 8).half().to(device)
    prompts = [torch.randn(16, dtype=torch.float16) for _ in range(3)]
    model = ZeroShot(encoder, prompts, device)
    print(model(torch.randn(4, 16, device=device, dtype=torch.float16)))
