# A `transforms.Compose` ending in `ToTensor()` and `Normalize(...)` makes float32
# pixels; the encoder was put in the precision an option names (a dict of dtypes
# looked up by `--precision`): float16 or bfloat16 in those runs.
import torch
import torch.nn as nn
from PIL import Image
from torchvision import transforms

DTYPES = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}

preprocess = transforms.Compose(
    [transforms.Resize(224), transforms.CenterCrop(224), transforms.ToTensor(), transforms.Normalize([0.5] * 3, [0.5] * 3)]
)


@torch.no_grad()
def embed_all(args, paths):
    encoder = nn.Conv2d(3, 8, 3).to("cuda", DTYPES[args.precision]).eval()
    out = []
    for path in paths:
        pixels = preprocess(Image.open(path).convert("RGB"))[None].to("cuda")  # expect: TL107:18 lines=21,22,9
        out.append(encoder(pixels))
    return out
