# source: https://github.com/ultralytics/yolov5/issues/830
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, top-level
# bug-lines: 53, 60
# needs: torch
# cpu: no written where torch was not installed; not run
"""Prepare a frame-level activity detector for an edge camera: fuse conv+bn, cast to fp16, trace."""
import argparse

import torch
import torch.nn as nn


class ConvBNAct(nn.Module):
    def __init__(self, c_in, c_out, k=3, s=1):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, k, s, k // 2, bias=False)
        self.bn = nn.BatchNorm2d(c_out)
        self.act = nn.SiLU()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


def fuse_conv_and_bn(block):
    conv, bn = block.conv, block.bn
    fused = nn.Conv2d(conv.in_channels, conv.out_channels, conv.kernel_size,
                      conv.stride, conv.padding, bias=True).to(conv.weight.device, conv.weight.dtype)
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    fused.weight.data.copy_(conv.weight * scale.reshape(-1, 1, 1, 1))
    fused.bias.data.copy_(bn.bias - bn.running_mean * scale)
    block.conv, block.bn = fused, nn.Identity()
    return block


def build_detector(num_classes=6):
    return nn.Sequential(ConvBNAct(3, 16, s=2), ConvBNAct(16, 32, s=2), ConvBNAct(32, 64, s=2),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, num_classes))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="activity_det.pt")
    parser.add_argument("--half", action="store_true", help="export FP16 weights for the NPU")
    args = parser.parse_args()

    model = build_detector()
    state = torch.load(args.weights, map_location="cpu")
    model.load_state_dict(state["model"])
    model.eval()
    if args.half:
        model = model.half()
    for m in model.modules():
        if isinstance(m, ConvBNAct):
            fuse_conv_and_bn(m)

    dummy = torch.zeros(1, 3, 320, 320, dtype=next(model.parameters()).dtype)
    with torch.no_grad():
        model(dummy)
        traced = torch.jit.trace(model, dummy)
    traced.save(args.weights.replace(".pt", ".torchscript"))


if __name__ == "__main__":
    main()
