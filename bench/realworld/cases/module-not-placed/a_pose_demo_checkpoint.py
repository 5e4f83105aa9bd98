# source: https://github.com/yuanyuanli85/Fast_Human_Pose_Estimation_Pytorch/issues/7
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: helper
# bug-lines: 34, 40, 47, 54
# cpu: clean
# needs: torch, numpy
import argparse

import numpy as np
import torch
import torch.nn as nn


class HourglassNet(nn.Module):
    def __init__(self, nstack=2, nblocks=1, num_classes=16, mobile=True):
        super().__init__()
        self.pre = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU())
        self.stacks = nn.ModuleList(
            [nn.Sequential(nn.Conv2d(16, 16, 3, padding=1), nn.ReLU()) for _ in range(nstack)]
        )
        self.score = nn.Conv2d(16, num_classes, 1)

    def forward(self, x):
        x = self.pre(x)
        outs = []
        for stack in self.stacks:
            x = stack(x) + x
            outs.append(self.score(x))
        return outs


def load_model(arch, stacks, blocks, num_classes, mobile, checkpoint=None):
    model = HourglassNet(nstack=stacks, nblocks=blocks, num_classes=num_classes, mobile=mobile)
    if checkpoint:
        ckpt = torch.load(checkpoint, map_location="cpu")
        state = {k.replace("module.", ""): v for k, v in ckpt["state_dict"].items()}
        model.load_state_dict(state)
    model.eval()
    return model


def inference(model, image, device):
    inp = torch.from_numpy(image).permute(2, 0, 1).float().div(255.0)
    inp = inp.unsqueeze(0).to(device)
    with torch.no_grad():
        outs = model(inp)
    heatmaps = outs[-1].cpu().numpy()[0]
    return [np.unravel_index(h.argmax(), h.shape) for h in heatmaps]


def main(args):
    device = torch.device(args.device)
    model = load_model(args.arch, args.stacks, args.blocks, args.num_classes, args.mobile, args.checkpoint)
    image = (np.random.rand(args.in_res, args.in_res, 3) * 255).astype(np.uint8)
    keypoints = inference(model, image, device)
    print(len(keypoints), "keypoints")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("-a", "--arch", default="hg")
    parser.add_argument("-s", "--stacks", type=int, default=2)
    parser.add_argument("-b", "--blocks", type=int, default=1)
    parser.add_argument("--num_classes", type=int, default=16)
    parser.add_argument("--mobile", type=bool, default=True)
    parser.add_argument("--checkpoint", default=None)
    parser.add_argument("--in_res", type=int, default=64)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    main(parser.parse_args())
