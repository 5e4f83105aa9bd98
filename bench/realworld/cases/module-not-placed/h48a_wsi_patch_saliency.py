# source: https://github.com/idiap/fullgrad-saliency/pull/5
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: helper, class, loader-loop
# bug-lines: 31, 63
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.nn.functional as F
from torchvision import datasets, transforms, utils
from torchvision.models import resnet18


def load_patch_classifier(ckpt_path):
    net = resnet18(num_classes=2)  # tumour vs. normal tissue patches
    state = torch.load(ckpt_path, map_location="cpu")
    net.load_state_dict(state["model"])
    return net.eval()


class GradSaliency:
    """Input-gradient x activation saliency for a patch classifier."""

    def __init__(self, model):
        self.model = model

    def saliency(self, images, target=None):
        images = images.clone().requires_grad_(True)
        logits = self.model(images)
        if target is None:
            target = logits.argmax(dim=1)
        score = logits.gather(1, target[:, None]).sum()
        grad, = torch.autograd.grad(score, images)
        sal = (grad * images).abs().sum(dim=1, keepdim=True)
        sal = F.interpolate(sal, size=images.shape[-2:], mode="bilinear")
        flat = sal.flatten(1)
        lo, hi = flat.min(1)[0], flat.max(1)[0]
        return ((flat - lo[:, None]) / (hi - lo + 1e-8)[:, None]).view_as(sal)


def dump_maps(explainer, loader, out_dir, device):
    os.makedirs(out_dir, exist_ok=True)
    for batch_idx, (patches, _) in enumerate(loader):
        patches = patches.to(device)
        maps = explainer.saliency(patches)
        grid = torch.cat([patches, maps.expand_as(patches)], dim=0)
        utils.save_image(grid.cpu(), os.path.join(out_dir, f"batch_{batch_idx:04d}.png"),
                         nrow=patches.size(0), normalize=True)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tfm = transforms.Compose([
        transforms.Resize(96),
        transforms.ToTensor(),
        transforms.Normalize([0.70, 0.54, 0.69], [0.15, 0.18, 0.13]),
    ])
    patches = datasets.ImageFolder("data/camelyon_patches/val", transform=tfm)
    loader = torch.utils.data.DataLoader(patches, batch_size=8, shuffle=False)

    model = load_patch_classifier("checkpoints/resnet18_pcam.pt")
    explainer = GradSaliency(model)
    dump_maps(explainer, loader, "saliency_out", device)
