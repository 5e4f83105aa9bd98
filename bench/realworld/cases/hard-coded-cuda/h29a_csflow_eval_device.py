# source: https://github.com/marco-rudolph/cs-flow/pull/9
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, loader-loop
# bug-lines: 57
# needs: torch, torchvision, numpy, scikit-learn
# cpu: no written where torch was not installed; not run
"""Evaluate a trained cross-scale flow on MVTec-style test images: negative
log-likelihood of the latent maps is the anomaly score, reported as AUROC."""
import numpy as np
import torch
import torch.nn as nn
from sklearn.metrics import roc_auc_score
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms

CFG = {
    "device": "cpu",
    "class_name": "screw",
    "img_size": 384,
    "weights": "models/csflow_screw.pth",
}


class FeatureExtractor(nn.Module):
    def __init__(self):
        super().__init__()
        backbone = models.resnet18(weights=models.ResNet18_Weights.DEFAULT)
        self.stem = nn.Sequential(*list(backbone.children())[:6])

    def forward(self, x):
        return self.stem(x)


class FlowHead(nn.Module):
    def __init__(self, channels=128, hidden=256, n_blocks=4):
        super().__init__()
        self.blocks = nn.ModuleList(
            nn.Sequential(nn.Conv2d(channels, hidden, 3, padding=1), nn.ReLU(),
                          nn.Conv2d(hidden, channels, 3, padding=1))
            for _ in range(n_blocks))

    def forward(self, f):
        z = f
        for block in self.blocks:
            z = z + torch.tanh(block(z))
        return z


def preprocess_batch(data):
    inputs, labels = data
    return inputs.to(CFG["device"]), labels


def evaluate(model, test_loader):
    fe = FeatureExtractor().eval().to(CFG["device"])
    model.to("cuda")
    model.eval()
    scores, targets = [], []
    with torch.no_grad():
        for data in test_loader:
            inputs, labels = preprocess_batch(data)
            z = model(fe(inputs))
            nll = (z ** 2 / 2).mean(dim=(1, 2, 3))
            scores.append(nll.cpu().numpy())
            targets.append((labels > 0).numpy())
    scores, targets = np.concatenate(scores), np.concatenate(targets)
    print(f"{CFG['class_name']}: AUROC = {roc_auc_score(targets, scores):.4f}")


if __name__ == "__main__":
    tfm = transforms.Compose([transforms.Resize(CFG["img_size"]), transforms.ToTensor(),
                              transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    test_set = datasets.ImageFolder(f"data/mvtec/{CFG['class_name']}/test", transform=tfm)
    head = FlowHead()
    head.load_state_dict(torch.load(CFG["weights"], map_location="cpu"))
    evaluate(head, DataLoader(test_set, batch_size=16))
