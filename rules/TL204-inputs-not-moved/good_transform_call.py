# The luma channel is turned into a tensor by calling a ToTensor transform directly:
# a CPU tensor, moved to the model's device before the call.
import torch
from PIL import Image
from torchvision.transforms import ToTensor


def upscale(model, path):
    luma, _, _ = Image.open(path).convert("YCbCr").split()
    low = ToTensor()(luma).unsqueeze(0).to(next(model.parameters()).device)
    with torch.no_grad():
        return model(low)


def main(model, paths):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = model.to(device)
    return [upscale(model, p) for p in paths]
