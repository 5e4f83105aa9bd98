# source: https://github.com/harlanhong/CVPR2022-DaGAN/issues/51
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, top-level
# bug-lines: 40, 41
# needs: torch, numpy, imageio
# cpu: no written where torch was not installed; not run
import argparse

import imageio
import numpy as np
import torch
import torch.nn as nn


class DepthEncoder(nn.Module):
    def __init__(self, ch=64):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(3, ch, 7, 2, 3), nn.ReLU(),
                                 nn.Conv2d(ch, ch * 2, 3, 2, 1), nn.ReLU())

    def forward(self, x):
        return self.net(x)


class DepthDecoder(nn.Module):
    def __init__(self, ch=128):
        super().__init__()
        self.net = nn.Sequential(nn.Upsample(scale_factor=4), nn.Conv2d(ch, 1, 3, 1, 1),
                                 nn.Sigmoid())

    def forward(self, feats):
        return self.net(feats)


def load_depth_networks(ckpt_dir, device):
    encoder = DepthEncoder()
    decoder = DepthDecoder()
    # checkpoints were saved from a GPU training run
    enc_state = torch.load(f"{ckpt_dir}/encoder.pth")
    dec_state = torch.load(f"{ckpt_dir}/depth.pth")
    encoder.load_state_dict({k: v for k, v in enc_state.items() if k in encoder.state_dict()})
    decoder.load_state_dict(dec_state)
    return encoder.to(device).eval(), decoder.to(device).eval()


def read_frame(path, size=256):
    img = imageio.imread(path)[..., :3].astype(np.float32) / 255.0
    img = torch.from_numpy(img).permute(2, 0, 1)[None]
    return nn.functional.interpolate(img, size=(size, size), mode="bilinear",
                                     align_corners=False)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--source_image", required=True)
    parser.add_argument("--ckpt_dir", default="checkpoints/depth_face_model")
    parser.add_argument("--cpu", action="store_true", help="run inference on CPU")
    args = parser.parse_args()

    device = torch.device("cpu" if args.cpu else "cuda")
    depth_enc, depth_dec = load_depth_networks(args.ckpt_dir, device)
    source = read_frame(args.source_image).to(device)
    with torch.no_grad():
        depth = depth_dec(depth_enc(source))
    out = (depth[0, 0].cpu().numpy() * 255).astype(np.uint8)
    imageio.imwrite("source_depth.png", out)
