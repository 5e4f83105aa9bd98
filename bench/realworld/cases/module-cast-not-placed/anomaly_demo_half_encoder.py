# source: https://github.com/CASIA-LMC-Lab/AnomalyGPT/issues/113
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: class, helper
# bug-lines: 49, 55
# cpu: clean
# needs: torch
import torch
from torch import nn

DEVICE = "cuda" if torch.cuda.is_available() else "cpu"


class PatchEmbed3d(nn.Module):
    def __init__(self, dim=64):
        super().__init__()
        self.proj = nn.Conv3d(3, dim, kernel_size=(2, 14, 14), stride=(2, 14, 14), bias=False)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class ImageEncoder(nn.Module):
    def __init__(self, dim=64, out_dim=32):
        super().__init__()
        self.patch = PatchEmbed3d(dim)
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, out_dim)

    def forward(self, pixel_values):
        tokens = self.norm(self.patch(pixel_values))
        return self.head(tokens.mean(dim=1))


def load_and_transform_vision_data(images, device):
    clips = []
    for img in images:
        img = img.float() / 255.0
        img = (img - 0.5) / 0.5
        clips.append(img.unsqueeze(1).repeat(1, 2, 1, 1))
    return torch.stack(clips, dim=0).to(device)


class AnomalyDemo:
    def __init__(self, state_dict=None):
        encoder = ImageEncoder()
        if state_dict is not None:
            encoder.load_state_dict(state_dict, strict=False)
        self.encoder = encoder.eval().half()
        self.prototypes = torch.randn(4, 32)

    @torch.no_grad()
    def predict(self, images):
        pixels = load_and_transform_vision_data(images, DEVICE).half()
        feats = self.encoder(pixels)
        feats = feats.float().cpu()
        scores = feats @ self.prototypes.t()
        return scores.softmax(dim=-1)


if __name__ == "__main__":
    demo = AnomalyDemo()
    fake = [torch.randint(0, 256, (3, 224, 224), dtype=torch.uint8) for _ in range(2)]
    print(demo.predict(fake).shape)
