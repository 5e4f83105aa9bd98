# source: https://github.com/robertknight/ocrs-models/issues/29
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, helper
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
"""python export_onnx.py checkpoints/detection.pt text-detection.onnx

Runs on the training box, where CUDA is usually available.
"""
import argparse

import torch

from model import load_model


def make_example_input(model, height=800, width=600):
    param = next(model.parameters())
    return torch.rand(1, 1, height, width, device=param.device, dtype=param.dtype)


def export(model, onnx_path):
    example = make_example_input(model)
    torch.onnx.export(
        model,
        (example,),
        onnx_path,
        input_names=["image"],
        output_names=["text_mask"],
        dynamic_axes={"image": {0: "batch", 2: "height", 3: "width"},
                      "text_mask": {0: "batch", 2: "height", 3: "width"}},
        opset_version=17,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("checkpoint")
    parser.add_argument("onnx_path")
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load_model(args.checkpoint, device)
    export(model, args.onnx_path)
    print(f"exported to {args.onnx_path}")
