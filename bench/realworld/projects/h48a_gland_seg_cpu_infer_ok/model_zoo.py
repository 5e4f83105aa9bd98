# source: https://github.com/LikeLy-Journey/SegmenTron/issues/44
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location='cpu' to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# looks-like: torch-load-map-location
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import logging
import os

import torch
from torchvision.models.segmentation import deeplabv3_resnet50, fcn_resnet50

_ARCHS = {
    "deeplabv3_plus": lambda n: deeplabv3_resnet50(weights=None, weights_backbone=None, num_classes=n),
    "fcn": lambda n: fcn_resnet50(weights=None, weights_backbone=None, num_classes=n),
}


def load_model_resume(model, path, device):
    if not os.path.isfile(path):
        raise FileNotFoundError(path)
    state = torch.load(path, map_location=torch.device(device))
    state = state.get("state_dict", state)
    state = {k[len("module."):] if k.startswith("module.") else k: v for k, v in state.items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    logging.info("loaded %s (missing=%d, unexpected=%d)", path, len(missing), len(unexpected))


def get_segmentation_model(cfg):
    name = cfg.MODEL.NAME
    if name not in _ARCHS:
        raise KeyError(f"unknown model {name}; available: {sorted(_ARCHS)}")
    model = _ARCHS[name](cfg.MODEL.NUM_CLASSES)
    if cfg.TEST.TEST_MODEL_PATH:
        load_model_resume(model, cfg.TEST.TEST_MODEL_PATH, cfg.DEVICE)
    return model.to(torch.device(cfg.DEVICE))
