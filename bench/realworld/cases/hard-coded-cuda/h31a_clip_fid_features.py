# source: https://github.com/GaParmar/clean-fid/issues/41
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument weight in method wrapper___slow_conv2d_forward)
# pattern: hard-coded-cuda
# shape: class, helper, loader-loop
# bug-lines: 23
# needs: torch, torchvision, numpy, clip, Pillow
# cpu: no written where torch was not installed; not run
import os

import clip
import numpy as np
import torch
import torchvision.transforms as T
from PIL import Image
from torch.utils.data import DataLoader, Dataset

CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)


class ClipFeatureExtractor:
    def __init__(self, arch="ViT-B/32"):
        self.model, _ = clip.load(arch, device="cuda", jit=False)
        self.model.eval()
        self.norm = T.Normalize(CLIP_MEAN, CLIP_STD)

    def __call__(self, batch_uint8):
        x = self.norm(batch_uint8.float() / 255.0)
        with torch.no_grad():
            return self.model.encode_image(x).float()


class FolderImages(Dataset):
    def __init__(self, folder, size=224):
        self.files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
        self.resize = T.Compose([T.Resize(size, interpolation=T.InterpolationMode.BICUBIC), T.CenterCrop(size)])

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        img = self.resize(Image.open(self.files[i]).convert("RGB"))
        return torch.from_numpy(np.asarray(img).copy()).permute(2, 0, 1)


def build_feature_extractor(mode, device):
    if mode == "clip_vit_b_32":
        return ClipFeatureExtractor("ViT-B/32")
    raise ValueError(f"unknown feature mode {mode}")


def folder_features(folder, model, device, batch_size=32):
    loader = DataLoader(FolderImages(folder), batch_size=batch_size, num_workers=2)
    feats = []
    for batch in loader:
        feats.append(model(batch.to(device)).cpu().numpy())
    return np.concatenate(feats)


def frechet_distance(f1, f2):
    from scipy import linalg
    mu1, mu2 = f1.mean(0), f2.mean(0)
    s1, s2 = np.cov(f1, rowvar=False), np.cov(f2, rowvar=False)
    covmean, _ = linalg.sqrtm(s1.dot(s2), disp=False)
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1 + s2 - 2 * covmean.real))


def compute_clip_fid(real_dir, fake_dir, device=torch.device("cpu")):
    model = build_feature_extractor("clip_vit_b_32", device)
    f_real = folder_features(real_dir, model, device)
    f_fake = folder_features(fake_dir, model, device)
    return frechet_distance(f_real, f_fake)


if __name__ == "__main__":
    print("clip-fid:", compute_clip_fid("data/real", "data/generated", device=torch.device("cpu")))
