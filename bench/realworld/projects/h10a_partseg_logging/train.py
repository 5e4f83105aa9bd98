# source: https://github.com/lijx10/SO-Net/issues/41
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, batch-dict, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse
import time

import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from model import SegmenterModel
from visualizer import Visualizer


def load_shapenet_part(path):
    archive = np.load(path)
    points = torch.from_numpy(archive["points"].astype(np.float32))
    seg = torch.from_numpy(archive["seg"].astype(np.int64))
    return TensorDataset(points, seg)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataroot", default="data/shapenet_part_train.npz")
    parser.add_argument("--name", default="partseg")
    parser.add_argument("--checkpoints_dir", default="checkpoints")
    parser.add_argument("--num_parts", type=int, default=50)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--batch_size", type=int, default=8)
    parser.add_argument("--print_freq", type=int, default=200)
    opt = parser.parse_args()

    dataset = load_shapenet_part(opt.dataroot)
    loader = DataLoader(dataset, batch_size=opt.batch_size, shuffle=True, drop_last=True)
    dataset_size = len(dataset)
    model = SegmenterModel(opt)
    visualizer = Visualizer(opt)

    for epoch in range(400):
        epoch_iter = 0
        for i, (points, seg) in enumerate(loader):
            iter_start = time.time()
            epoch_iter += opt.batch_size
            model.set_input(points, seg)
            model.optimize()
            if i % opt.print_freq == 0:
                errors = model.get_current_errors()
                visualizer.print_current_errors(epoch, epoch_iter, errors, time.time() - iter_start)
                visualizer.plot_current_errors(epoch, float(epoch_iter) / dataset_size, errors)


if __name__ == "__main__":
    main()
