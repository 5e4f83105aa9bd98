# source: https://github.com/luxonis/luxonis-train/pull/366
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, helper
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torchvision


def build_model(num_classes, checkpoint=None):
    model = torchvision.models.mobilenet_v3_small(weights=None, num_classes=num_classes)
    if checkpoint is not None:
        state = torch.load(checkpoint, map_location="cpu")
        model.load_state_dict(state["model"] if "model" in state else state)
    return model


class ExportWrapper(nn.Module):
    """Adds softmax so the exported graph returns probabilities."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return torch.softmax(self.model(x), dim=1)
