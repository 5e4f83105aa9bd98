# source: https://github.com/torchgeo/torchgeo-bench/issues/396
# error: RuntimeError: Expected all tensors to be on the same device, but got weight is on cpu, different from other tensors on cuda:0 (when checking argument in method wrapper_CUDA__native_layer_norm)
# pattern: module-added-after-placement
# shape: class, loader-loop
# bug-lines: 30, 31, 37
# needs: torch, timm
# cpu: no written where torch was not installed; not run
import timm
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class ChannelLayerNorm(nn.LayerNorm):
    def forward(self, x):  # (B, C, H, W) -> normalise over C
        return super().forward(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


class PatchLinearHead(nn.Module):
    """Token -> P*P pixel logits; the embedding width is only known once features arrive."""

    def __init__(self, num_classes: int, patch_size: int = 16):
        super().__init__()
        self.num_classes, self.patch_size = num_classes, patch_size
        self.norm = None
        self.conv = None

    def _build(self, dim: int):
        self.norm = ChannelLayerNorm(dim)
        self.conv = nn.Conv2d(dim, self.num_classes * self.patch_size ** 2, kernel_size=1)

    def forward(self, tokens, out_size):
        b, n, d = tokens.shape
        side = int(n ** 0.5)
        if self.conv is None:
            self._build(d)
        x = tokens.transpose(1, 2).reshape(b, d, side, side)
        x = F.pixel_shuffle(self.conv(self.norm(x)), self.patch_size)
        return F.interpolate(x, size=out_size, mode="bilinear", align_corners=False)


class SegmentationProbe(nn.Module):
    def __init__(self, backbone: nn.Module, layer: str, num_classes: int):
        super().__init__()
        self.backbone = backbone.eval().requires_grad_(False)
        self.head = PatchLinearHead(num_classes)
        self._feats = {}
        dict(backbone.named_modules())[layer].register_forward_hook(
            lambda m, i, o: self._feats.__setitem__("x", o))

    def forward(self, images):
        with torch.no_grad():
            self.backbone(images)
        tokens = self._feats["x"][:, self.backbone.num_prefix_tokens:]
        return self.head(tokens, images.shape[-2:])


if __name__ == "__main__":
    device = torch.device("cuda:0")
    vit = timm.create_model("vit_tiny_patch16_224", pretrained=True)
    probe = SegmentationProbe(vit, "blocks.11", num_classes=4).to(device)

    data = TensorDataset(torch.rand(64, 3, 224, 224), torch.randint(0, 4, (64, 224, 224)))
    loader = DataLoader(data, batch_size=8, shuffle=True)
    optimizer = None
    for images, masks in loader:
        images, masks = images.to(device), masks.to(device)
        logits = probe(images)
        if optimizer is None:  # head parameters exist only after the first forward
            optimizer = torch.optim.AdamW(probe.head.parameters(), lr=1e-3)
        loss = F.cross_entropy(logits, masks)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
