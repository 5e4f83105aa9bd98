# source: https://github.com/jina-ai/clip-as-service/issues/873
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# looks-like: module-cast-not-placed
# shape: class, helper, loader-loop
# needs: torch, open_clip, pillow, numpy
# cpu: no written where torch was not installed; not run
import argparse
import glob

import numpy as np
import open_clip
import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset


class ImagePaths(Dataset):
    def __init__(self, paths, preprocess):
        self.paths, self.preprocess = paths, preprocess

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        return self.preprocess(Image.open(self.paths[i]).convert("RGB"))


class CLIPEncoder:
    def __init__(self, name="ViT-L-14-336", pretrained="openai", device=None, fp16=True):
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        model, _, self.preprocess = open_clip.create_model_and_transforms(name, pretrained=pretrained)
        self.tokenizer = open_clip.get_tokenizer(name)
        model = model.to(self.device).eval()
        if fp16 and self.device.type == "cuda":
            model = model.half()
        self.model = model
        self.dtype = next(model.parameters()).dtype

    @torch.no_grad()
    def encode_images(self, paths, batch_size=64):
        loader = DataLoader(ImagePaths(paths, self.preprocess), batch_size=batch_size, num_workers=4)
        chunks = []
        for pixels in loader:
            pixels = pixels.to(self.device, dtype=self.dtype)
            feats = self.model.encode_image(pixels)
            chunks.append(torch.nn.functional.normalize(feats.float(), dim=-1).cpu())
        return torch.cat(chunks).numpy()

    @torch.no_grad()
    def encode_texts(self, texts):
        tokens = self.tokenizer(texts).to(self.device)
        feats = self.model.encode_text(tokens)
        return torch.nn.functional.normalize(feats.float(), dim=-1).cpu().numpy()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", default="gallery")
    parser.add_argument("--query", default="a photo of a red bicycle")
    args = parser.parse_args()
    encoder = CLIPEncoder()
    paths = sorted(glob.glob(f"{args.images}/*.jpg"))
    image_feats = encoder.encode_images(paths)
    scores = image_feats @ encoder.encode_texts([args.query])[0]
    for idx in np.argsort(-scores)[:5]:
        print(f"{scores[idx]:.3f}  {paths[idx]}")
