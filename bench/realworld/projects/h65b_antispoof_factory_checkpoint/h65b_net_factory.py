# source: https://github.com/SoftwareGift/FeatherNets_Face-Anti-spoofing-Attack-Detection-Challenge-CVPR2019/issues/66
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, multi-file
# bug-lines: 24
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Model factories for the face anti-spoofing (live / spoof) classifiers.

The pre-trained checkpoints were written on the 4-GPU training box, wrapped in DataParallel.
"""
import torch
import torch.nn as nn
from torchvision.models import mobilenet_v2, resnet18

PRETRAINED_PATHS = {
    "mobilenet_v2_spoof": "./checkpoints/pre-trainedModels/mobilenet_v2_casia_surf.pth.tar",
    "resnet18_spoof": "./checkpoints/pre-trainedModels/resnet18_casia_surf.pth.tar",
}


def _load_pretrained(model, arch):
    path = PRETRAINED_PATHS[arch]
    checkpoint = torch.load(path)
    state_dict = checkpoint.get("state_dict", checkpoint)
    state_dict = {k.replace("module.", "", 1): v for k, v in state_dict.items()}
    model.load_state_dict(state_dict, strict=True)
    print(f"=> loaded {arch} (epoch {checkpoint.get('epoch', '?')}, acer {checkpoint.get('best_acer', '?')})")
    return model


def mobilenet_v2_spoof(pretrained=True, num_classes=2):
    model = mobilenet_v2(num_classes=num_classes)
    if pretrained:
        _load_pretrained(model, "mobilenet_v2_spoof")
    return model


def resnet18_spoof(pretrained=True, num_classes=2):
    model = resnet18(num_classes=num_classes)
    model.avgpool = nn.AdaptiveAvgPool2d(1)
    if pretrained:
        _load_pretrained(model, "resnet18_spoof")
    return model
