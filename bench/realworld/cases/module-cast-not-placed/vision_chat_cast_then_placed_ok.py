# source: https://github.com/OpenBMB/MiniCPM-V/issues/667
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: class, helper
# looks-like: module-cast-not-placed
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class VisionTower(nn.Module):
    def __init__(self, width=64, patch=14):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, width, kernel_size=patch, stride=patch)
        self.norm = nn.LayerNorm(width)

    def forward(self, pixel_values):
        return self.norm(self.patch_embed(pixel_values).flatten(2).transpose(1, 2))


class VisionChat(nn.Module):
    def __init__(self, torch_dtype, width=64, vocab=300):
        super().__init__()
        self.vpm = VisionTower(width).to(torch_dtype)
        self.resampler = nn.MultiheadAttention(width, 4, batch_first=True).to(torch_dtype)
        self.query = nn.Parameter(torch.randn(1, 8, width, dtype=torch_dtype))
        self.lm_head = nn.Linear(width, vocab).to(torch_dtype)

    def forward(self, pixel_values):
        feats = self.vpm(pixel_values)
        queries = self.query.expand(feats.size(0), -1, -1)
        pooled, _ = self.resampler(queries, feats, feats)
        return self.lm_head(pooled)


def from_pretrained(device, torch_dtype):
    model = VisionChat(torch_dtype)
    return model.to(device=device).eval()


def preprocess(image_uint8):
    x = image_uint8.float().div(255.0)
    return (x - 0.5) / 0.5


@torch.no_grad()
def chat(model, image_uint8, device):
    dtype = next(model.parameters()).dtype
    pixel_values = preprocess(image_uint8).unsqueeze(0).to(device=device, dtype=dtype)
    logits = model(pixel_values)
    return logits.argmax(dim=-1).squeeze(0).tolist()


if __name__ == "__main__":
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    dtype = torch.float16 if dev == "cuda" else torch.float32
    vlm = from_pretrained(dev, dtype)
    img = torch.randint(0, 256, (3, 224, 224), dtype=torch.uint8)
    print(chat(vlm, img, dev))
