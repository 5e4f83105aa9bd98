# source: https://github.com/open-mmlab/mmcv/issues/922
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop, batch-dict
# bug-lines: 65
# needs: torch
# cpu: no written where torch was not installed; not run

import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


def conv_bn(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


def build_posenet(num_joints=17):
    backbone = nn.Sequential(conv_bn(3, 32, 2), conv_bn(32, 64, 2), conv_bn(64, 128, 2), conv_bn(128, 128))
    head = nn.Conv2d(128, num_joints, kernel_size=1)
    return nn.Sequential(backbone, head)


def load_checkpoint(model, filename, map_location="cpu"):
    ckpt = torch.load(filename, map_location=map_location)
    state = ckpt.get("state_dict", ckpt)
    model.load_state_dict({k.replace("module.", "", 1): v for k, v in state.items()})


@torch.no_grad()
def fuse_conv_bn(module):  # fold BN into the preceding conv for test time
    for child in module.children():
        if isinstance(child, nn.Sequential) and len(child) >= 2 and isinstance(child[1], nn.BatchNorm2d):
            conv, bn = child[0], child[1]
            scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
            conv.weight.mul_(scale.reshape(-1, 1, 1, 1))
            conv.bias = nn.Parameter(bn.bias - bn.running_mean * scale)
            child[1] = nn.Identity()
        else:
            fuse_conv_bn(child)
    return module


class TopDownCrops(Dataset):
    def __init__(self, n=64):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        return {"img": torch.rand(3, 256, 192), "image_id": idx}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("checkpoint")
    args = parser.parse_args()

    model = build_posenet()
    load_checkpoint(model, args.checkpoint, map_location="cpu")
    model = fuse_conv_bn(model)
    model = nn.DataParallel(model, device_ids=[0])
    model.eval()

    results = []
    loader = DataLoader(TopDownCrops(), batch_size=16, num_workers=2)
    with torch.no_grad():
        for batch in loader:
            heatmaps = model(batch["img"].cuda())
            scores, idx = heatmaps.flatten(2).max(dim=2)
            for i, image_id in enumerate(batch["image_id"].tolist()):
                results.append({"image_id": image_id, "keypoints": idx[i].cpu(), "scores": scores[i].cpu()})
    torch.save(results, "pose_results.pth")


if __name__ == "__main__":
    main()
