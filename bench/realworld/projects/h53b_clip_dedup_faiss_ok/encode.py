# source: https://github.com/facebookresearch/faiss/issues/2902
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, loader-loop, helper
# looks-like: numpy-of-device-tensor
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""CLIP image embeddings for catalogue de-duplication."""
import torch
import torch.nn.functional as F
from transformers import CLIPModel, CLIPProcessor

CLIP_ID = "openai/clip-vit-base-patch32"


def load_clip(device):
    model = CLIPModel.from_pretrained(CLIP_ID).to(device).eval()
    processor = CLIPProcessor.from_pretrained(CLIP_ID)
    return model, processor


@torch.no_grad()
def encode_images(model, loader, device):
    feats, keys = [], []
    for batch in loader:
        pixel_values = batch["pixel_values"].to(device)
        emb = model.get_image_features(pixel_values=pixel_values)
        emb = F.normalize(emb, dim=-1)
        feats.append(emb.cpu())
        keys.extend(batch["sku"])
    return torch.cat(feats), keys
