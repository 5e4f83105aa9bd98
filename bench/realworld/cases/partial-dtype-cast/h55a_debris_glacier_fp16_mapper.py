# source: https://github.com/Francis-Rings/StableAnimator/issues/98
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: partial-dtype-cast
# shape: class, top-level
# bug-lines: 56
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Map debris-covered glacier ice from Landsat-8 + DEM stacks; fp16 to fit full scenes on a 12 GB card."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Encoder(nn.Module):
    def __init__(self, in_ch, widths=(32, 64, 128, 256)):
        super().__init__()
        layers, c = [], in_ch
        for w in widths:
            layers.append(nn.Sequential(nn.Conv2d(c, w, 3, padding=1), nn.BatchNorm2d(w), nn.ReLU(),
                                        nn.Conv2d(w, w, 3, stride=2, padding=1), nn.BatchNorm2d(w), nn.ReLU()))
            c = w
        self.stages = nn.ModuleList(layers)

    def forward(self, x):
        for stage in self.stages:
            x = stage(x)
        return x


class Decoder(nn.Module):
    def __init__(self, c_in=256, n_classes=3):
        super().__init__()
        self.refine = nn.Sequential(nn.Conv2d(c_in, 128, 3, padding=1), nn.ReLU(), nn.Conv2d(128, n_classes, 1))

    def forward(self, feats, out_size):
        return F.interpolate(self.refine(feats), size=out_size, mode="bilinear", align_corners=False)


class DebrisGlacierNet(nn.Module):
    def __init__(self, in_ch=9, n_classes=3):   # 7 OLI bands + elevation + slope
        super().__init__()
        self.encoder = Encoder(in_ch)
        self.decoder = Decoder(256, n_classes)

    def forward(self, x):
        return self.decoder(self.encoder(x), x.shape[-2:])


class SceneMapper:
    def __init__(self, weights, device="cuda", fp16=True):
        self.model = DebrisGlacierNet()
        self.model.load_state_dict(torch.load(weights, map_location="cpu"))
        self.model.to(device).eval()
        if fp16:
            self.model.encoder.half()
        self.device, self.dtype = device, (torch.float16 if fp16 else torch.float32)

    @torch.no_grad()
    def __call__(self, stack):
        x = torch.from_numpy(stack).to(self.device, self.dtype)[None]
        logits = self.model(x)
        return logits.argmax(1)[0].cpu().numpy().astype(np.uint8)  # 0 off-glacier, 1 clean ice, 2 debris


if __name__ == "__main__":
    mapper = SceneMapper("weights/debris_glacier_v3.pt")
    stack = np.load("scenes/LC08_140041_20231012_stack.npy").astype(np.float32)
    classes = mapper(stack)
    np.save("scenes/LC08_140041_20231012_classes.npy", classes)
    print({k: int((classes == k).sum()) for k in range(3)})
