# The settings choose the CPU for this run, and the batches go there; the model is
# put on CUDA by name, so the two never meet on one device (and without a GPU the
# move itself fails).
import torch
from torch import nn

SETTINGS = {"device": "cpu", "hidden": 64}


def load_model(path):
    model = nn.Sequential(nn.Linear(32, SETTINGS["hidden"]), nn.ReLU(), nn.Linear(SETTINGS["hidden"], 4))
    model.load_state_dict(torch.load(path, map_location="cpu"))
    return model.eval().cuda()  # expect: TL204:12 lines=18,18


def predict(model, rows):
    with torch.no_grad():
        return model(rows.to(SETTINGS["device"])).argmax(-1)


if __name__ == "__main__":
    print(predict(load_model("head.pt"), torch.randn(8, 32)))
