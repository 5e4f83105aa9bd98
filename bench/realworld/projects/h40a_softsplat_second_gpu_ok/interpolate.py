# source: https://github.com/sniklaus/softmax-splatting/issues/47
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1!
# pattern: current-gpu-mismatch
# shape: multi-file, loader-loop, top-level
# looks-like: current-gpu-mismatch
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Double the frame rate of a clip on a user-selected GPU (default: the second card)."""
import argparse

import numpy as np
import torch

from synth import FrameSynthesizer


def to_tensor(img, device):
    return torch.from_numpy(np.ascontiguousarray(img.transpose(2, 0, 1)[None]).astype(np.float32) / 255.0).to(device)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1")
    parser.add_argument("--frames", default="clip_frames.npy")
    parser.add_argument("--flows", default="clip_bidir_flows.npy")
    parser.add_argument("--weights", default="synth.pt")
    args = parser.parse_args()

    device = torch.device(args.device)
    model = FrameSynthesizer().to(device).eval()
    model.load_state_dict(torch.load(args.weights, map_location=device))

    frames = np.load(args.frames)
    flows = np.load(args.flows)
    out = []
    with torch.no_grad():
        for i in range(len(frames) - 1):
            first, second = to_tensor(frames[i], device), to_tensor(frames[i + 1], device)
            f01 = torch.from_numpy(flows[i, 0].transpose(2, 0, 1)[None].copy()).float().to(device)
            f10 = torch.from_numpy(flows[i, 1].transpose(2, 0, 1)[None].copy()).float().to(device)
            middle = model(first, second, -0.5 * f01, -0.5 * f10)
            out += [frames[i], (middle[0].clamp(0, 1).cpu().numpy().transpose(1, 2, 0) * 255).astype(np.uint8)]
    out.append(frames[-1])
    np.save("clip_2x.npy", np.stack(out))


if __name__ == "__main__":
    main()
