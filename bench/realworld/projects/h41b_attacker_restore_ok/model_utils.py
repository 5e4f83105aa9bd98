# source: https://github.com/MadryLab/robustness/issues/21
# error: RuntimeError: expected device cpu but got device cuda:0
# pattern: module-not-placed
# shape: multi-file, helper
# looks-like: module-not-placed
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torchvision

from attacker import AttackerModel

CIFAR_MEAN = [0.4914, 0.4822, 0.4465]
CIFAR_STD = [0.2023, 0.1994, 0.2010]


def make_and_restore_model(arch, resume_path=None, device="cuda"):
    classifier = getattr(torchvision.models, arch)(num_classes=10)
    model = AttackerModel(classifier, CIFAR_MEAN, CIFAR_STD)
    if resume_path is not None:
        checkpoint = torch.load(resume_path, map_location="cpu")
        state = checkpoint.get("model", checkpoint)
        state = {k[len("module."):] if k.startswith("module.") else k: v
                 for k, v in state.items()}
        model.load_state_dict(state)
    model = model.to(device)
    return model.eval()
