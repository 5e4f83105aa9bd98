# source: https://github.com/karfly/learnable-triangulation-pytorch/issues/96
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch

from triangulation import AlgebraicTriangulationNet

CONFIG = {
    "model": {
        "name": "alg",
        "backbone": {
            "num_joints": 17,
            "init_weights": True,
            "checkpoint": "./data/pretrained/human36m/pose_resnet_4.5_pixels_human36m.pth",
        },
    },
}


def evaluate(model, loader, device):
    model.eval()
    errors = []
    with torch.no_grad():
        for batch in loader:
            images = batch["images"].to(device)
            proj = batch["proj_matricies"].to(device)
            gt = batch["keypoints_3d"].to(device)
            pred, _ = model(images, proj)
            errors.append(torch.norm(pred - gt, dim=-1).mean().item())
    return sum(errors) / max(len(errors), 1)


def main(args):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    print("Number of available GPUs:", torch.cuda.device_count())
    model = {
        "alg": AlgebraicTriangulationNet,
    }[CONFIG["model"]["name"]](CONFIG["model"], device=device).to(device)
    if args.eval:
        from dataset import make_loader  # project-local Human3.6M loader
        loader = make_loader(args.eval_dataset, batch_size=4)
        print("MPJPE:", evaluate(model, loader, device))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval", action="store_true")
    parser.add_argument("--eval_dataset", default="val")
    main(parser.parse_args())
