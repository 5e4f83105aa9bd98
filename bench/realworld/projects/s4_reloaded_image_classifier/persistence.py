# source: https://github.com/DashAISoftware/dashAI/pull/679
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# bug-lines: 24
# cpu: clean
# needs: torch
import torch

from classifier import CNNImageClassifier, build_backbone


def save_model(clf, path):
    torch.save(
        {"num_classes": clf.num_classes, "epochs": clf.epochs, "lr": clf.lr,
         "state_dict": clf.model.state_dict()},
        path,
    )


def load_model(path):
    blob = torch.load(path, map_location="cpu")
    clf = CNNImageClassifier(num_classes=blob["num_classes"], epochs=blob["epochs"], lr=blob["lr"])
    clf.model = build_backbone(blob["num_classes"])
    clf.model.load_state_dict(blob["state_dict"])
    return clf
