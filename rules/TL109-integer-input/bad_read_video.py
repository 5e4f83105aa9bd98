# torchvision's read_video gives uint8 frames; they are sampled and moved but not
# converted before the float classifier.
import torch
from torchvision.io import read_video
from torchvision.models import resnet18


def classify_clip(path, device):
    model = resnet18(weights=None).to(device).eval()
    frames, _, _ = read_video(path, output_format="TCHW", pts_unit="sec")  # expect: TL109:20 lines=13
    frames = frames[::10].to(device)
    with torch.no_grad():
        return model(frames).argmax(1)
