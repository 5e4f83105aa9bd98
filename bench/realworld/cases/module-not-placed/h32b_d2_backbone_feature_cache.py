# source: https://github.com/facebookresearch/detectron2/issues/1926
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: helper, loader-loop
# bug-lines: 41, 63
# needs: torch, detectron2, torchvision
# cpu: no written where torch was not installed; not run

import os

import torch
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
import torchvision.transforms as T

from detectron2 import model_zoo
from detectron2.config import get_cfg
from detectron2.modeling import build_backbone

CONFIG = "COCO-InstanceSegmentation/mask_rcnn_R_50_FPN_3x.yaml"


def setup_cfg():
    cfg = get_cfg()
    cfg.merge_from_file(model_zoo.get_config_file(CONFIG))
    cfg.MODEL.WEIGHTS = model_zoo.get_checkpoint_url(CONFIG)
    cfg.MODEL.DEVICE = "cuda"
    return cfg


def load_backbone_weights(backbone, weights_path):
    state = torch.load(weights_path, map_location="cpu")
    state = state.get("model", state)
    prefix = "backbone."
    trimmed = {k[len(prefix):]: torch.as_tensor(v) for k, v in state.items() if k.startswith(prefix)}
    missing, unexpected = backbone.load_state_dict(trimmed, strict=False)
    print(f"backbone: {len(missing)} missing, {len(unexpected)} unexpected keys")


def make_backbone(cfg, weights_path):
    backbone = build_backbone(cfg)
    load_backbone_weights(backbone, weights_path)
    return backbone.eval()


def make_loader(root, batch_size=8):
    tfm = T.Compose([T.Resize((800, 800)), T.PILToTensor()])
    return DataLoader(ImageFolder(root, transform=tfm), batch_size=batch_size, num_workers=4)


@torch.no_grad()
def cache_p4_features(cfg, weights_path, image_root, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    device = torch.device(cfg.MODEL.DEVICE)
    backbone = make_backbone(cfg, weights_path)
    pixel_mean = torch.tensor(cfg.MODEL.PIXEL_MEAN, device=device).view(1, 3, 1, 1)
    pixel_std = torch.tensor(cfg.MODEL.PIXEL_STD, device=device).view(1, 3, 1, 1)

    for step, (images, labels) in enumerate(make_loader(image_root)):
        # detectron2 expects BGR in 0..255
        images = images[:, [2, 1, 0]].float().to(device)
        images = (images - pixel_mean) / pixel_std
        features = backbone(images)
        pooled = features["p4"].mean(dim=(2, 3))
        torch.save({"feat": pooled.cpu(), "label": labels}, os.path.join(out_dir, f"batch_{step:05d}.pt"))


if __name__ == "__main__":
    cfg = setup_cfg()
    cache_p4_features(cfg, "weights/mask_rcnn_R_50_FPN_3x.pth", "data/crops/train", "cache/p4")
