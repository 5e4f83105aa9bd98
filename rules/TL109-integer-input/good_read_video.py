# torchvision's read_video gives uint8 frames; they are scaled to float before the
# classifier.
import torch
from torchvision.io import read_video
from torchvision.models import resnet18


def classify_clip(path, device):
    model = resnet18(weights=None).to(device).eval()
    frames, _, _ = read_video(path, output_format="TCHW", pts_unit="sec")
    frames = frames[::10].to(device).float() / 255
    with torch.no_grad():
        return model(frames).argmax(1)
