# source: https://github.com/LiheYoung/Depth-Anything/issues/44
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: helper, top-level
# bug-lines: 46
# needs: torch, torchvision, gradio, numpy
# cpu: no written where torch was not installed; not run
"""Gradio demo for the monocular depth model.

Weights come from the release URL, or from --local-dir when the machine has
no internet access (our lab PCs).
"""
import argparse
import os

import gradio as gr
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from torchvision import transforms

DEVICE = "cuda" if torch.cuda.is_available() else "cpu"
RELEASE_URL = "https://example.org/depth-models/depth_{}.pth"


class DepthNet(nn.Module):
    def __init__(self, encoder="resnet34"):
        super().__init__()
        backbone = getattr(torchvision.models, encoder)(weights=None)
        self.encoder = nn.Sequential(*list(backbone.children())[:-2])
        channels = 512 if encoder in ("resnet18", "resnet34") else 2048
        self.decoder = nn.Sequential(nn.Conv2d(channels, 256, 3, padding=1), nn.ReLU(), nn.Conv2d(256, 1, 1))

    def forward(self, x):
        depth = self.decoder(self.encoder(x))
        return F.interpolate(depth, size=x.shape[-2:], mode="bilinear", align_corners=False)


def load_model(encoder, local_dir=None):
    if local_dir and os.path.isdir(local_dir):
        print("Loading weights from local directory")
        net = DepthNet(encoder)
        net.load_state_dict(torch.load(os.path.join(local_dir, f"depth_{encoder}.pth"), map_location="cpu"))
        return net.eval()
    net = DepthNet(encoder)
    state = torch.hub.load_state_dict_from_url(RELEASE_URL.format(encoder), map_location="cpu")
    net.load_state_dict(state)
    return net.to(DEVICE).eval()


parser = argparse.ArgumentParser()
parser.add_argument("--encoder", default="resnet34")
parser.add_argument("--local-dir", default=None)
args = parser.parse_args()

model = load_model(args.encoder, args.local_dir)
transform = transforms.Compose([
    transforms.Resize((384, 512)),
    transforms.ToTensor(),
    transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
])


@torch.no_grad()
def predict(image):
    x = transform(image).unsqueeze(0).to(DEVICE)
    depth = model(x)[0, 0].cpu().numpy()
    depth = (depth - depth.min()) / (depth.max() - depth.min() + 1e-8)
    return (depth * 255).astype(np.uint8)


demo = gr.Interface(fn=predict, inputs=gr.Image(type="pil"), outputs=gr.Image(label="Depth"))
demo.launch()
