# source: https://github.com/mingyuliutw/UNIT/issues/75
# error: RuntimeError: Expected object of type torch.cuda.FloatTensor but found type torch.FloatTensor for argument #3 'other'
# pattern: legacy-tensor-constructor
# shape: multi-file, helper
# looks-like: legacy-tensor-constructor
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torchvision


def load_backbone(name="resnet50"):
    net = getattr(torchvision.models, name)(weights="IMAGENET1K_V2")
    net.fc = torch.nn.Identity()
    return net


def imagenet_preprocess(batch):
    """Camera-trap crops arrive in [0, 255]; the backbone expects ImageNet-normalised RGB."""
    batch = batch / 255.0
    mean = batch.new(batch.size())
    std = batch.new(batch.size())
    for c, (m, s) in enumerate(zip((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))):
        mean[:, c, :, :] = m
        std[:, c, :, :] = s
    return (batch - mean) / std


def reid_collate(samples):
    imgs = torch.stack([s["img"] for s in samples])
    pids = torch.LongTensor([s["pid"] for s in samples])
    cams = torch.LongTensor([s["camera"] for s in samples])
    return {"img": imgs, "pid": pids, "camera": cams}
