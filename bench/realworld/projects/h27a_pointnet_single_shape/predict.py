# source: https://github.com/nikitakaraevv/pointnet/issues/14
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: multi-file, helper, batch-dict
# bug-lines: 34
# needs: torch
# cpu: no written where torch was not installed; not run
# Notebook-style cells: classify one ModelNet10 mesh with a trained PointNet.
from pathlib import Path

import torch

from dataset import default_transforms, read_off
from model import PointNet

CLASSES = ["bathtub", "bed", "chair", "desk", "dresser",
           "monitor", "night_stand", "sofa", "table", "toilet"]
path = Path("ModelNet10")

# %% load the trained network
pointnet = PointNet(classes=len(CLASSES))
pointnet.load_state_dict(torch.load("save_14.pth", map_location="cpu"))
pointnet.eval()

# %% sample one shape
with open(path / "chair" / "test" / "chair_0890.off", "r") as f:
    mesh = read_off(f)
data = default_transforms(3000)(mesh)


def predict_one(model, sample):
    inputs = sample["pointcloud"].unsqueeze(0)
    with torch.no_grad():
        outputs, _ = model(inputs.transpose(1, 2))
    return outputs.argmax(dim=1).item()


# %% predict
pred = predict_one(pointnet, data)
print("predicted:", CLASSES[pred])
