# source: https://github.com/huggingface/optimum-intel/pull/182
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: module-not-placed
# shape: multi-file, helper, loader-loop, batch-dict
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torchvision


def build_model(arch="resnet18", num_classes=5, pretrained=False):
    weights = "IMAGENET1K_V1" if pretrained else None
    model = getattr(torchvision.models, arch)(weights=weights)
    model.fc = nn.Linear(model.fc.in_features, num_classes)
    return model


def load_weights(model, path):
    state = torch.load(path, map_location="cpu")
    model.load_state_dict(state["model"] if "model" in state else state)
    return model
