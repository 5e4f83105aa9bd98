# source: https://github.com/salesforce/LAVIS/issues/145
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: partial-dtype-cast
# shape: class, loader-loop, batch-dict
# bug-lines: 33, 62
# needs: torch, torchvision, numpy, pillow
# cpu: no written where torch was not installed; not run
import glob

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms
from torchvision.models import ViT_L_16_Weights, vit_l_16


class QueryFeatureExtractor(nn.Module):
    """Frozen ViT + learned queries that pool patch tokens into K embeddings."""
    def __init__(self, n_queries=32, d_model=768, embed_dim=256):
        super().__init__()
        self.visual_encoder = vit_l_16(weights=ViT_L_16_Weights.IMAGENET1K_SWAG_E2E_V1)
        self.ln_vision = nn.LayerNorm(1024)
        self.queries = nn.Parameter(torch.randn(1, n_queries, d_model) * 0.02)
        self.kv_proj = nn.Linear(1024, d_model)
        self.qformer = nn.TransformerDecoder(nn.TransformerDecoderLayer(d_model, 12, batch_first=True), 6)
        self.vision_proj = nn.Linear(d_model, embed_dim)

    def patch_tokens(self, image):
        vit = self.visual_encoder
        x = vit._process_input(image)
        return vit.encoder(torch.cat([vit.class_token.expand(x.size(0), -1, -1), x], dim=1))

    def forward(self, image):
        image_embeds = self.ln_vision(self.patch_tokens(image))
        memory = self.kv_proj(image_embeds)
        q = self.qformer(self.queries.expand(image.size(0), -1, -1), memory)
        return F.normalize(self.vision_proj(q), dim=-1)


class ImageFolderFlat(Dataset):
    def __init__(self, root):
        self.paths = sorted(glob.glob(f"{root}/**/*.jpg", recursive=True))
        self.tf = transforms.Compose([
            transforms.Resize(512, interpolation=transforms.InterpolationMode.BICUBIC), transforms.CenterCrop(512),
            transforms.ToTensor(), transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        return {"image": self.tf(Image.open(self.paths[i]).convert("RGB")), "path": self.paths[i]}


def load_extractor(ckpt, device, vit_precision="fp16"):
    model = QueryFeatureExtractor()
    model.load_state_dict(torch.load(ckpt, map_location="cpu"), strict=False)
    model.to(device).eval()
    if vit_precision == "fp16":
        model.visual_encoder.half()
    return model


@torch.no_grad()
def build_index(model, loader, device):
    feats, paths = [], []
    for batch in loader:
        feats.append(model(batch["image"].to(device)).mean(dim=1).cpu())
        paths.extend(batch["path"])
    return torch.cat(feats).numpy(), paths


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load_extractor("checkpoints/qformer_stage1.pth", device)
    loader = DataLoader(ImageFolderFlat("data/coco_val2017"), batch_size=32, num_workers=4)
    feats, paths = build_index(model, loader, device)
    np.savez("image_index.npz", feats=feats, paths=np.array(paths))
