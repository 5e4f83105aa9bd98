# The trainer reads its device from a YAML settings file and moves each batch there:
# the model and its inputs are on the same device whatever the file says.
import torch
import torch.nn as nn
import yaml


class SegmentationTrainer:
    def __init__(self, net, settings):
        self.device = torch.device(settings.get("device", "cuda"))
        self.net = net.to(self.device)
        self.loss = nn.CrossEntropyLoss()

    def step(self, volumes, masks):
        volumes = volumes.to(self.device)
        return self.loss(self.net(volumes), masks.to(self.device))


# The embedder runs where it is told; its features go to a classifier on that GPU.
class PatchEmbedder:
    def __init__(self, device):
        self.device = device
        self.backbone = nn.Linear(48, 16).to(device)

    @torch.no_grad()
    def __call__(self, patches):
        return self.backbone(patches.flatten(1).float().to(self.device))


def run(settings_path, gpu, batches):
    with open(settings_path) as fh:
        settings = yaml.safe_load(fh)
    trainer = SegmentationTrainer(nn.Conv2d(1, 3, 3, padding=1), settings)
    for volumes, masks in batches:
        trainer.step(volumes, masks)
    device = torch.device(f"cuda:{gpu}")
    embedder = PatchEmbedder(device)
    classifier = nn.Linear(16, 4).to(device)
    for patches in batches:
        features = embedder(patches)
        with torch.no_grad():
            classifier(features)
