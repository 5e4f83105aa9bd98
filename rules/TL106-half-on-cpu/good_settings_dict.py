import argparse

import torch
import torch.nn as nn

CFG = dict(device="0", half=True)
OPTIONS = {"device": "cpu", "half": True}


def select_device(device=""):
    if device.lower() == "cpu" or not torch.cuda.is_available():
        return torch.device("cpu")
    return torch.device(f"cuda:{device}" if device else "cuda:0")


def run(device="", half=False):
    device = select_device(device)
    model = nn.Conv2d(3, 8, 3).to(device)
    if half:
        model.half()
    im = torch.rand(1, 3, 8, 8, device=device)
    return model(im.half() if half else im)


if __name__ == "__main__":
    # GPU 0: the GPU run places the model there.
    run(**CFG)
    # The settings are changed before the run: what they hold is not known.
    OPTIONS.update(vars(argparse.ArgumentParser().parse_args()))
    run(**OPTIONS)
