# source: https://github.com/rotem-shalev/Ham2Pose/pull/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, helper, loader-loop
# bug-lines: 21, 23
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Generate pose sequences for the test split and dump them as .npy files."""
import argparse
import os

import numpy as np
import torch

from data import SignPoseDataset
from model import TextGuidedPoseGenerator


def predict_pose(model, datum, sequence_length=-1):
    tokens = datum["tokens"].unsqueeze(0).to(model.device)
    first_pose = datum["pose"]["data"][0]
    with torch.no_grad():
        seq = model.generate(tokens, first_pose, sequence_length=sequence_length)
    return seq.cpu().numpy()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/hamnosys")
    parser.add_argument("--ckpt", default="models/ham2pose/model.ckpt")
    parser.add_argument("--out", default="predictions")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dataset = SignPoseDataset(args.data, split="test")
    model = TextGuidedPoseGenerator(vocab_size=len(dataset.tokenizer))
    model.load_state_dict(torch.load(args.ckpt, map_location="cpu")["state_dict"])
    model.to(device).eval()

    os.makedirs(args.out, exist_ok=True)
    for i in range(len(dataset)):
        datum = dataset[i]
        pose = predict_pose(model, datum, sequence_length=datum["pose"]["data"].shape[0])
        np.save(os.path.join(args.out, datum["id"] + ".npy"), pose)


if __name__ == "__main__":
    main()
