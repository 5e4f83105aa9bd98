# source: https://github.com/mikel-brostrom/boxmot/issues/2230
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: helper, top-level
# bug-lines: 48, 52
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Export a distilled ReID student (ResNet-18 embedder) to ONNX for a Jetson tracker."""
import argparse

import torch
import torch.nn as nn
import torchvision


class ReIDStudent(nn.Module):
    def __init__(self, embed_dim=256):
        super().__init__()
        backbone = torchvision.models.resnet18(weights=None)
        backbone.fc = nn.Identity()
        self.backbone = backbone
        self.neck = nn.Sequential(nn.Linear(512, embed_dim), nn.BatchNorm1d(embed_dim))

    def forward(self, x):
        feats = self.neck(self.backbone(x))
        return nn.functional.normalize(feats, dim=1)


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--weights", default="reid_student_kd.pt")
    p.add_argument("--device", default="0")
    p.add_argument("--half", action="store_true")
    p.add_argument("--imgsz", nargs=2, type=int, default=[256, 128])
    p.add_argument("--batch", type=int, default=1)
    return p.parse_args()


def setup_model(args):
    device = torch.device(f"cuda:{args.device}" if args.device != "cpu" else "cpu")
    model = ReIDStudent()
    state = torch.load(args.weights, map_location=device)
    model.load_state_dict(state["model"] if "model" in state else state)
    model = model.to(device).eval()
    if args.half:
        model = model.half()
    h, w = args.imgsz
    dummy_input = torch.empty(args.batch, 3, h, w, device=device)
    # warm up so cudnn picks its kernels before tracing
    with torch.no_grad():
        for _ in range(2):
            model(dummy_input)
    if args.half:
        dummy_input = dummy_input.half()
    return model, dummy_input


def export_onnx(model, dummy_input, path):
    torch.onnx.export(
        model, dummy_input, path,
        input_names=["images"], output_names=["embeddings"],
        dynamic_axes={"images": {0: "batch"}, "embeddings": {0: "batch"}},
        opset_version=17,
    )
    print("saved", path)


if __name__ == "__main__":
    opts = parse_args()
    net, example = setup_model(opts)
    export_onnx(net, example, opts.weights.replace(".pt", ".onnx"))
