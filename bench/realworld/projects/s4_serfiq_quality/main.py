# source: https://github.com/jankolf/ser-fiq-pytorch/issues/2
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, class
# bug-lines: 37, 38
# cpu: clean
# needs: torch
import argparse

import torch

from data import load_face
from model import IResNetLite


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--image", default="./data/test_img.jpeg")
    p.add_argument("--weights", default=None)
    p.add_argument("--device", default="cuda:0" if torch.cuda.is_available() else "cpu")
    p.add_argument("-T", type=int, default=10)
    return p.parse_args()


def build_model(args):
    net = IResNetLite(num_features=128)
    if args.weights:
        net.load_state_dict(torch.load(args.weights, map_location="cpu"))
    net.to(torch.device(args.device))
    net.eval()
    return net


def main():
    args = parse_args()
    resnet = build_model(args)
    image = load_face(args.image)
    scores = resnet.calculate_serfiq(image, T=args.T, scaling=5.0)
    print("SER-FIQ quality:", scores.item())


if __name__ == "__main__":
    main()
