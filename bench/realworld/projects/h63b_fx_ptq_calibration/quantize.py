# source: https://github.com/luxonis/luxonis-train/pull/366
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, helper, loader-loop
# bug-lines: 31
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Static post-training quantization (FX) of the camera classifier.

Observers run on the GPU to speed up calibration; the converted int8 model is
moved back to the CPU and scripted for the device runtime.
"""
import argparse

import torch
from torch.ao.quantization import get_default_qconfig_mapping
from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx

from data import make_val_loader
from model import build_model


def make_calibration_fn(val_loader, num_batches):
    def pass_calibration_data(model):
        assert len(val_loader) > 0, "Validation loader must have at least one batch"
        model.eval()
        with torch.no_grad():
            for i, (imgs, _) in enumerate(val_loader):
                if i >= num_batches:
                    break
                model(imgs)

    return pass_calibration_data


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--val-dir", default="data/val")
    parser.add_argument("--num-classes", type=int, default=12)
    parser.add_argument("--calib-batches", type=int, default=64)
    parser.add_argument("--out", default="classifier_int8.pt")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = build_model(args.num_classes, args.checkpoint).eval().to(device)
    example = (torch.randn(1, 3, 224, 224, device=device),)
    prepared = prepare_fx(model, get_default_qconfig_mapping("x86"), example_inputs=example)

    calibrate = make_calibration_fn(make_val_loader(args.val_dir), args.calib_batches)
    calibrate(prepared)

    quantized = convert_fx(prepared.cpu())
    torch.jit.save(torch.jit.script(quantized), args.out)
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
