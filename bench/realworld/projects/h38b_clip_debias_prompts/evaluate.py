# source: https://github.com/oxai/debias-vision-lang/issues/1
# error: RuntimeError: mat1 and mat2 must have the same dtype
# pattern: partial-dtype-cast
# shape: multi-file, loader-loop, top-level
# bug-lines: 23
# needs: torch, clip, torchvision
# cpu: no written where torch was not installed; not run
"""Zero-shot gender-neutral retrieval check with the debiased CLIP text encoder."""
import clip
import torch
from clip.model import convert_weights
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder

from debias_clip import DebiasCLIP

PROMPTS = ["a photo of a {} person", "a photo of a person who works as a {}"]
OCCUPATIONS = ["doctor", "nurse", "engineer", "teacher", "pilot", "secretary"]


def build_model(device, ckpt="models_trained/embeddings/gender_2.pth"):
    clip_model, preprocess = clip.load("ViT-B/16", device="cpu", jit=False)
    convert_weights(clip_model)  # fp16 weights, half the memory on the eval GPU
    model = DebiasCLIP(clip_model, num_debias_tokens=2)
    model.debias_tokens.data.copy_(torch.load(ckpt, map_location="cpu"))
    return model.to(device).eval(), preprocess


@torch.no_grad()
def main(root="datasets/fairface/val"):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model, preprocess = build_model(device)
    queries = [p.format(o) for o in OCCUPATIONS for p in PROMPTS]
    text = clip.tokenize(queries).to(device)
    text_feats = model.encode_text(text)
    text_feats = text_feats / text_feats.norm(dim=-1, keepdim=True)
    loader = DataLoader(ImageFolder(root, transform=preprocess), batch_size=64, num_workers=4)
    counts = torch.zeros(len(queries), len(loader.dataset.classes), device=device)
    for images, labels in loader:
        img = model.encode_image(images.to(device))
        img = img / img.norm(dim=-1, keepdim=True)
        top = (img @ text_feats.t()).argmax(dim=0)
        counts[torch.arange(len(queries), device=device), labels.to(device)[top]] += 1
    print(counts.cpu())


if __name__ == "__main__":
    main()
