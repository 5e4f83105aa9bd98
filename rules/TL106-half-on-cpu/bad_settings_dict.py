import torch
import torch.nn as nn

# The run's settings, written once and unpacked into the entry point.
CFG = dict(weights="", device="cpu", half=True, imgsz=64)


def select_device(device=""):
    if device.lower() == "cpu" or not torch.cuda.is_available():
        return torch.device("cpu")
    return torch.device(f"cuda:{device}" if device else "cuda:0")


def load_model(device, half):
    model = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.SiLU(), nn.Conv2d(16, 8, 1))
    model.to(device).eval()
    if half:
        model.half()  # expect: TL106:9 lines=16,28
    return model


@torch.no_grad()
def run(weights="", device="", half=False, imgsz=640):
    device = select_device(device)
    model = load_model(device, half)
    im = torch.rand(1, 3, imgsz, imgsz, device=device)
    im = im.half() if half else im.float()
    return model(im)


if __name__ == "__main__":
    run(**CFG)
