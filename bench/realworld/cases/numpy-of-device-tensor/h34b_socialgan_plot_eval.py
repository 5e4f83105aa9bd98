# source: https://github.com/marsmarcin/Visual-of-Social-GAN/issues/2
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop, batch-dict
# bug-lines: 32
# needs: torch, numpy, matplotlib
# cpu: no written where torch was not installed; not run
import argparse

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import torch

from sgan.data.loader import data_loader
from sgan.models import TrajectoryGenerator
from sgan.utils import relative_to_abs


def load_generator(checkpoint_path):
    ckpt = torch.load(checkpoint_path, map_location="cuda")
    generator = TrajectoryGenerator(**ckpt["args"])
    generator.load_state_dict(ckpt["g_state"])
    generator.cuda()
    generator.eval()
    return generator


def draw_scene(obs_traj, pred_traj, gt_traj, ped_slice, out_file):
    start, end = ped_slice
    observed_and_truth = np.concatenate((obs_traj[:, start:end], gt_traj[:, start:end]), axis=0)
    fig, ax = plt.subplots(figsize=(6, 6))
    for ped in range(end - start):
        ax.plot(observed_and_truth[:, ped, 0], observed_and_truth[:, ped, 1], "b-")
    fig.savefig(out_file)
    plt.close(fig)


def evaluate(loader, generator, num_samples, out_dir):
    with torch.no_grad():
        for b, batch in enumerate(loader):
            batch = [tensor.cuda() for tensor in batch]
            (obs_traj, pred_traj_gt, obs_traj_rel, pred_traj_gt_rel,
             non_linear_ped, loss_mask, seq_start_end) = batch
            for _ in range(num_samples):
                pred_rel = generator(obs_traj, obs_traj_rel, seq_start_end)
                pred_fake = relative_to_abs(pred_rel, obs_traj[-1])
                for i, (start, end) in enumerate(seq_start_end.tolist()):
                    draw_scene(obs_traj, pred_fake, pred_traj_gt, (start, end),
                               f"{out_dir}/scene_{b}_{i}.png")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_path", required=True)
    parser.add_argument("--dataset_dir", default="datasets/zara1/test")
    parser.add_argument("--num_samples", type=int, default=1)
    parser.add_argument("--out_dir", default="plots")
    args = parser.parse_args()

    generator = load_generator(args.model_path)
    _, loader = data_loader(argparse.Namespace(batch_size=64, obs_len=8, pred_len=8,
                                               skip=1, delim="tab", loader_num_workers=2),
                            args.dataset_dir)
    evaluate(loader, generator, args.num_samples, args.out_dir)


if __name__ == "__main__":
    main()
