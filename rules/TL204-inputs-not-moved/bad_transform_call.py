# The luma channel is turned into a tensor by calling a ToTensor transform directly:
# a CPU tensor, handed to the model the script moved to the GPU.
import torch
from PIL import Image
from torchvision.transforms import ToTensor


def upscale(model, path):
    luma, _, _ = Image.open(path).convert("YCbCr").split()
    low = ToTensor()(luma).unsqueeze(0)
    with torch.no_grad():
        return model(low)  # expect: TL204:22 lines=10,17


def main(model, paths):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = model.to(device)
    return [upscale(model, p) for p in paths]
