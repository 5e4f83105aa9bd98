# source: https://github.com/ZHO-ZHO-ZHO/ComfyUI-BiRefNet-ZHO/issues/5
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, class
# bug-lines: 43
# needs: torch, timm, numpy, PIL
# cpu: no written where torch was not installed; not run
import os
import sys

import numpy as np
import timm
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image


class Config:
    def __init__(self):
        root = os.environ.get("BIREFNET_WEIGHTS", "./weights")
        self.backbone = "swin_v1_l"
        self.timm_names = {
            "swin_v1_l": "swin_large_patch4_window12_384",
            "pvt_v2_b2": "pvt_v2_b2",
        }
        self.weights = {
            "swin_v1_l": os.path.join(root, "swin_large_patch4_window12_384_22kto1k.pth"),
            "pvt_v2_b2": os.path.join(root, "pvt_v2_b2.pth"),
        }
        if torch.cuda.is_available():
            self.device = "cuda"
        elif torch.backends.mps.is_available():
            self.device = "mps"
        else:
            self.device = "cpu"


config = Config()


def load_weights(model, name):
    saved = torch.load(config.weights[name])
    if "model" in saved:
        saved = saved["model"]
    own = model.state_dict()
    usable = {k: v for k, v in saved.items() if k in own and v.shape == own[k].shape}
    own.update(usable)
    model.load_state_dict(own)
    print(f"backbone {name}: {len(usable)}/{len(own)} tensors loaded")
    return model


def build_backbone(name):
    net = timm.create_model(config.timm_names[name], pretrained=False, features_only=True)
    return load_weights(net, name)


class MattingNet(nn.Module):
    def __init__(self, name):
        super().__init__()
        self.bb = build_backbone(name)
        chans = self.bb.feature_info.channels()
        self.head = nn.Conv2d(chans[-1], 1, kernel_size=1)

    def forward(self, x):
        feats = self.bb(x)
        top = feats[-1].permute(0, 3, 1, 2) if feats[-1].shape[-1] != feats[-1].shape[1] else feats[-1]
        return F.interpolate(self.head(top), size=x.shape[-2:], mode="bilinear")


if __name__ == "__main__":
    net = MattingNet(config.backbone).to(config.device).eval()
    img = Image.open(sys.argv[1]).convert("RGB").resize((384, 384))
    x = torch.from_numpy(np.asarray(img, dtype=np.float32) / 255.0).permute(2, 0, 1)[None]
    with torch.no_grad():
        mask = net(x.to(config.device)).sigmoid()[0, 0].cpu().numpy()
    Image.fromarray((mask * 255).astype(np.uint8)).save("mask.png")
