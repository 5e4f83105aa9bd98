import accelerate
import torch
from packaging import version


def load(path):
    return torch.load(path, map_location="cpu", weights_only=True)  # expect: TL503:12


def load_hook(models, input_dir):
    # A version test of another library is not a torch gate (diffusers' sana script).
    if version.parse(accelerate.__version__) >= version.parse("0.16.0"):
        return torch.load(input_dir + "/disc_heads.pt", map_location="cpu", weights_only=True)  # expect: TL503:16
    return None
