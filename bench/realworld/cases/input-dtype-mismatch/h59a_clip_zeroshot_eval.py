# source: https://github.com/jenellefeather/model_metamers_pytorch/issues/12
# error: RuntimeError: expected scalar type Half but found Float
# pattern: input-dtype-mismatch
# shape: helper, class, loader-loop
# bug-lines: 29, 43
# needs: torch, torchvision, clip
# cpu: no written where torch was not installed; not run
"""Zero-shot CLIP ViT-B/32 evaluation on an ImageNet-style validation folder."""
import clip
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets

TEMPLATES = ["a photo of a {}.", "a blurry photo of a {}.", "a close-up photo of the {}.",
             "a bright photo of a {}.", "a low resolution photo of a {}."]


@torch.no_grad()
def build_zeroshot_weights(model, classnames, device):
    columns = []
    for name in classnames:
        tokens = clip.tokenize([t.format(name) for t in TEMPLATES]).to(device)
        emb = model.encode_text(tokens)
        emb = emb / emb.norm(dim=-1, keepdim=True)
        emb = emb.mean(dim=0)
        columns.append(emb / emb.norm())
    # stack into [embed_dim, n_classes]; keep the classifier in full precision
    return torch.stack(columns, dim=1).float()


class ZeroShotCLIP(nn.Module):
    def __init__(self, clip_model, classnames, device):
        super().__init__()
        self.clip_model = clip_model
        self.zeroshot_weights = build_zeroshot_weights(clip_model, classnames, device)
        self.logit_scale = 100.0

    @torch.no_grad()
    def forward(self, images):
        feats = self.clip_model.encode_image(images)
        feats = feats / feats.norm(dim=-1, keepdim=True)
        return self.logit_scale * feats @ self.zeroshot_weights


def evaluate(classifier, loader, device):
    correct = total = 0
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        logits = classifier(images)
        correct += (logits.argmax(dim=-1) == labels).sum().item()
        total += labels.numel()
    return 100.0 * correct / total


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model, preprocess = clip.load("ViT-B/32", device=device)  # fp16 weights on cuda
    val_set = datasets.ImageFolder("/datasets/imagenet/val", transform=preprocess)
    classnames = [c.replace("_", " ") for c in val_set.classes]
    classifier = ZeroShotCLIP(model, classnames, device)
    loader = DataLoader(val_set, batch_size=256, num_workers=8)
    print(f"zero-shot top-1: {evaluate(classifier, loader, device):.2f}")
