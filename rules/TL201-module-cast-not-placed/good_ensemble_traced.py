import torch
import torch.nn as nn


class Ensemble(nn.ModuleList):
    def forward(self, x):
        return torch.cat([m(x) for m in self], dim=1)


# Each checkpoint's model is moved to the device before it joins the ensemble; the
# member handed back is there, so the half export traces a placed model.
def load(paths, device):
    ensemble = Ensemble()
    for path in paths:
        ckpt = torch.load(path, map_location="cpu", weights_only=False)
        ensemble.append(ckpt["model"].to(device).float().eval())
    return ensemble[-1]


def to_torchscript(model, image):
    return torch.jit.trace(model, image, strict=False)


def export(paths, device, half):
    model = load(paths, device)
    image = torch.zeros(1, 3, 640, 640).to(device)
    for _ in range(2):
        model(image)  # dry runs
    if half:
        image, model = image.half(), model.half()
    return to_torchscript(model, image)


if __name__ == "__main__":
    export(["yolo.pt"], torch.device("cuda"), half=True)
