# source: https://github.com/docling-project/docling/issues/304
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, top-level
# needs: torch
# cpu: no written where torch was not installed; not run
"""Trace the layout detector to TorchScript for the GPU inference server."""
import argparse

import torch

from h63a_encoder import LayoutDetector


def export(checkpoint, out_path, size=640, device="cuda"):
    device = torch.device(device if torch.cuda.is_available() else "cpu")
    model = LayoutDetector()
    state = torch.load(checkpoint, map_location="cpu")
    model.load_state_dict(state["model"] if "model" in state else state)
    model = model.to(device).eval()

    dummy = torch.randn(1, 3, size, size, device=device)
    with torch.no_grad():
        traced = torch.jit.trace(model, dummy)
        cls_logits, boxes = traced(dummy)
    print("traced outputs:", tuple(cls_logits.shape), tuple(boxes.shape))
    traced.save(out_path)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", default="layout_detector.pth")
    parser.add_argument("--out", default="layout_detector.ts")
    parser.add_argument("--size", type=int, default=640)
    args = parser.parse_args()
    export(args.checkpoint, args.out, args.size)
