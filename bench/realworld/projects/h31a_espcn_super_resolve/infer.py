# source: https://github.com/pytorch/examples/issues/599
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, helper
# bug-lines: 20, 23
# needs: torch, torchvision, numpy, Pillow
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from PIL import Image
from torchvision.transforms import ToTensor


def split_ycbcr(path):
    img = Image.open(path).convert("YCbCr")
    return img.split()


def upscale_luma(model, y_channel):
    lr = ToTensor()(y_channel).view(1, -1, y_channel.size[1], y_channel.size[0])
    model.eval()
    with torch.no_grad():
        out = model(lr)
    out = out.cpu()[0].numpy() * 255.0
    return Image.fromarray(np.uint8(out.clip(0, 255)[0]), mode="L")


def merge_channels(out_y, cb, cr):
    cb = cb.resize(out_y.size, Image.BICUBIC)
    cr = cr.resize(out_y.size, Image.BICUBIC)
    return Image.merge("YCbCr", [out_y, cb, cr]).convert("RGB")


def super_resolve_file(model, in_path, out_path):
    y, cb, cr = split_ycbcr(in_path)
    out_y = upscale_luma(model, y)
    merge_channels(out_y, cb, cr).save(out_path)
    return out_path
