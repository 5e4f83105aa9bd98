# source: https://github.com/AliaksandrSiarohin/first-order-model/issues/33
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper
# looks-like: torch-load-map-location
# needs: torch, numpy, pyyaml, imageio
# cpu: no written where torch was not installed; not run

import argparse

import imageio
import numpy as np
import torch
import torch.nn as nn
import yaml


class KeypointDetector(nn.Module):
    def __init__(self, num_kp=10, block=32):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(3, block, 7, padding=3), nn.ReLU(), nn.Conv2d(block, num_kp, 7, padding=3))

    def forward(self, x):
        heat = self.net(x).flatten(2).softmax(-1)
        h, w = x.shape[-2:]
        ys = torch.linspace(-1, 1, h, device=x.device).repeat_interleave(w)
        xs = torch.linspace(-1, 1, w, device=x.device).repeat(h)
        return torch.stack([(heat * xs).sum(-1), (heat * ys).sum(-1)], dim=-1)


def load_checkpoints(config_path, checkpoint_path, cpu=False):
    with open(config_path) as f:
        config = yaml.safe_load(f)
    device = torch.device("cpu" if cpu or not torch.cuda.is_available() else "cuda")
    kp_detector = KeypointDetector(**config["model_params"]["kp_detector_params"])
    checkpoint = torch.load(checkpoint_path, map_location=device)
    kp_detector.load_state_dict(checkpoint["kp_detector"])
    kp_detector.to(device)
    kp_detector.eval()
    return kp_detector, device


def frames_to_tensor(frames, device):
    arr = np.stack(frames).astype(np.float32) / 255.0
    return torch.from_numpy(arr).permute(0, 3, 1, 2).to(device)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--checkpoint", default="vox-cpk.pth.tar")
    parser.add_argument("--driving_video", required=True)
    parser.add_argument("--cpu", action="store_true")
    opt = parser.parse_args()

    kp_detector, device = load_checkpoints(opt.config, opt.checkpoint, cpu=opt.cpu)
    frames = [f[..., :3] for f in imageio.mimread(opt.driving_video, memtest=False)]
    with torch.no_grad():
        kps = kp_detector(frames_to_tensor(frames, device))
    np.save("driving_keypoints.npy", kps.cpu().numpy())
    print("saved", tuple(kps.shape), "keypoints")
