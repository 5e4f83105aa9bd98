# source: https://github.com/rstrudel/segmenter/issues/10
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: helper, loader-loop
# bug-lines: 50, 65
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
"""Semantic segmentation inference with a ViT mask transformer, sliding window over large images."""
import argparse
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image
from torchvision import transforms


class SegmenterViT(nn.Module):
    def __init__(self, n_cls=150, patch_size=16, d_model=192, n_layers=4):
        super().__init__()
        self.patch_size = patch_size
        self.patch_embed = nn.Conv2d(3, d_model, kernel_size=patch_size, stride=patch_size)
        layer = nn.TransformerEncoderLayer(d_model, nhead=3, dim_feedforward=4 * d_model, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers)
        self.decoder = nn.Linear(d_model, n_cls)

    def forward(self, im):
        H, W = im.shape[-2:]
        x = self.patch_embed(im)
        gh, gw = x.shape[-2:]
        x = self.encoder(x.flatten(2).transpose(1, 2))
        masks = self.decoder(x).transpose(1, 2).reshape(im.shape[0], -1, gh, gw)
        return F.interpolate(masks, size=(H, W), mode="bilinear", align_corners=False)


def load_model(model_path):
    checkpoint = torch.load(model_path, map_location="cpu")
    model = SegmenterViT(**checkpoint["net_kwargs"])
    model.load_state_dict(checkpoint["model"], strict=True)
    return model, checkpoint["net_kwargs"]


def inference(model, im, window_size=512, window_stride=384):
    _, _, H, W = im.shape
    logits, count = None, torch.zeros(1, 1, H, W, device=im.device)
    for top in range(0, max(H - window_size, 0) + 1, window_stride):
        for left in range(0, max(W - window_size, 0) + 1, window_stride):
            crop = im[..., top:top + window_size, left:left + window_size]
            out = model(crop)
            if logits is None:
                logits = torch.zeros(1, out.shape[1], H, W, device=im.device)
            logits[..., top:top + window_size, left:left + window_size] += out
            count[..., top:top + window_size, left:left + window_size] += 1
    return logits / count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model-path", required=True)
    parser.add_argument("--input-dir", required=True)
    args = parser.parse_args()

    device = torch.device("cuda")
    model, variant = load_model(args.model_path)
    model.eval()
    normalize = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,) * 3, (0.5,) * 3)])

    for path in sorted(Path(args.input_dir).glob("*.jpg")):
        im = normalize(Image.open(path).convert("RGB")).unsqueeze(0).to(device)
        with torch.no_grad():
            seg_map = inference(model, im).argmax(1)[0]
        Image.fromarray(seg_map.byte().cpu().numpy()).save(path.with_suffix(".png"))


if __name__ == "__main__":
    main()
