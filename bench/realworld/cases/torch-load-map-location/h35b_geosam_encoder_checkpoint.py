# source: https://github.com/coolzhao/Geo-SAM/issues/34
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# bug-lines: 41
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


class PatchImageEncoder(nn.Module):
    """Reduced SAM-style ViT image encoder used to pre-compute features for raster tiles."""

    def __init__(self, embed_dim=256, patch=16, depth=4):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, embed_dim, kernel_size=patch, stride=patch)
        layer = nn.TransformerEncoderLayer(embed_dim, nhead=8, batch_first=True)
        self.blocks = nn.TransformerEncoder(layer, num_layers=depth)
        self.neck = nn.Conv2d(embed_dim, 256, 1)

    def forward(self, x):
        x = self.patch_embed(x)
        b, c, h, w = x.shape
        x = self.blocks(x.flatten(2).transpose(1, 2))
        return self.neck(x.transpose(1, 2).reshape(b, c, h, w))


ENCODER_CONFIGS = {
    "vit_b": dict(embed_dim=256, depth=4),
    "vit_l": dict(embed_dim=384, depth=6),
}


def _build_encoder(model_type, checkpoint=None):
    encoder = PatchImageEncoder(**ENCODER_CONFIGS[model_type])
    encoder.eval()
    if checkpoint is not None:
        with open(checkpoint, "rb") as f:
            state_dict = torch.load(f)
        encoder.load_state_dict(state_dict)
    return encoder


class SamEncoderAlgorithm:
    """Processing step: encode a georeferenced raster tile by tile and cache the features."""

    def initialize_sam(self, model_type, sam_ckpt_path, use_gpu=True):
        self.device = torch.device("cuda" if use_gpu and torch.cuda.is_available() else "cpu")
        sam_model = _build_encoder(model_type, checkpoint=sam_ckpt_path)
        return sam_model.to(self.device)

    def process_algorithm(self, raster, model_type="vit_b", ckpt="sam_vit_b_encoder.pth", use_gpu=False, tile=512):
        self.sam_model = self.initialize_sam(model_type, ckpt, use_gpu)
        features = []
        for row in range(0, raster.shape[0] - tile + 1, tile):
            for col in range(0, raster.shape[1] - tile + 1, tile):
                patch = raster[row:row + tile, col:col + tile, :3].astype(np.float32) / 255.0
                x = torch.from_numpy(patch).permute(2, 0, 1)[None].to(self.device)
                with torch.no_grad():
                    features.append(self.sam_model(x).cpu().numpy())
        return features
