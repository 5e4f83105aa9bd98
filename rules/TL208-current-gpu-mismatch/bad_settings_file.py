# The trainer reads its device from a YAML settings file, which may say "cpu" or
# "cuda:1"; each batch goes to the current GPU with .cuda() all the same.
import torch
import torch.nn as nn
import yaml


class SegmentationTrainer:
    def __init__(self, net, settings):
        self.device = torch.device(settings.get("device", "cuda"))
        self.net = net.to(self.device)
        self.loss = nn.CrossEntropyLoss()

    def step(self, volumes, masks):
        volumes = volumes.cuda()  # expect: TL208:19 lines=11,16
        return self.loss(self.net(volumes), masks.to(self.device))


# The embedder is put on the current GPU; its features go to a classifier on the GPU
# the --gpu option picks.
class PatchEmbedder:
    def __init__(self):
        self.backbone = nn.Linear(48, 16).cuda()  # expect: TL208:25 lines=38,42

    @torch.no_grad()
    def __call__(self, patches):
        return self.backbone(patches.flatten(1).float().cuda())


def run(settings_path, gpu, batches):
    with open(settings_path) as fh:
        settings = yaml.safe_load(fh)
    trainer = SegmentationTrainer(nn.Conv2d(1, 3, 3, padding=1), settings)
    for volumes, masks in batches:
        trainer.step(volumes, masks)
    device = torch.device(f"cuda:{gpu}")
    embedder = PatchEmbedder()
    classifier = nn.Linear(16, 4).to(device)
    for patches in batches:
        features = embedder(patches)
        with torch.no_grad():
            classifier(features)
