# source: https://github.com/DingXiaoH/RepVGG/pull/2
# error: RuntimeError: expected device cpu but got device cuda:0
# pattern: cache-builder-cpu-default
# shape: multi-file, top-level
# needs: torch
# cpu: no written where torch was not installed; not run
"""Fuse the trained multi-branch frontend into plain 3x3 convs for real-time lip reading."""
import argparse

import torch

from lip_frontend import RepLipFrontend


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train-ckpt", default="checkpoints/rep_lrw_best.pth")
    parser.add_argument("--deploy-ckpt", default="checkpoints/rep_lrw_deploy.pth")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = RepLipFrontend(num_words=500)
    state = torch.load(args.train_ckpt, map_location="cpu")
    model.load_state_dict(state["model"])
    model = model.to(device).eval()

    clips = torch.randn(2, 1, 29, 88, 88, device=device)
    with torch.no_grad():
        before = model(clips)
        model.switch_to_deploy()
        after = model(clips)
    print("max abs diff after fusion:", (before - after).abs().max().item())
    torch.save(model.state_dict(), args.deploy_ckpt)


if __name__ == "__main__":
    main()
