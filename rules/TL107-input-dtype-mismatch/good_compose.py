# The pixels follow the encoder into the dtype the option names.
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
        pixels = preprocess(Image.open(path).convert("RGB"))[None].to("cuda", DTYPES[args.precision])
        out.append(encoder(pixels))
    return out
