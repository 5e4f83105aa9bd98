# source: https://github.com/lijx10/SO-Net/issues/41
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, batch-dict, loader-loop
# bug-lines: 28
# needs: numpy, matplotlib
# cpu: no written where torch was not installed; not run
import os

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np


class Visualizer:
    def __init__(self, opt):
        self.name = opt.name
        self.out_dir = os.path.join(opt.checkpoints_dir, opt.name)
        os.makedirs(self.out_dir, exist_ok=True)
        self.plot_data = None

    def plot_current_errors(self, epoch, counter_ratio, errors):
        if self.plot_data is None:
            self.plot_data = {"X": [], "Y": [], "legend": list(errors.keys())}
        self.plot_data["X"].append(epoch + counter_ratio)
        self.plot_data["Y"].append([errors[k] for k in self.plot_data["legend"]])
        ys = np.array(self.plot_data["Y"])
        xs = np.array(self.plot_data["X"])
        plt.figure(figsize=(8, 4))
        for i, label in enumerate(self.plot_data["legend"]):
            plt.plot(xs, ys[:, i], label=label)
        plt.xlabel("epoch")
        plt.legend()
        plt.title(self.name + " loss over time")
        plt.savefig(os.path.join(self.out_dir, "errors.png"))
        plt.close()

    def print_current_errors(self, epoch, i, errors, t):
        message = "(epoch: %d, iters: %d, time: %.3f) " % (epoch, i, t)
        for k, v in errors.items():
            message += "%s: %.3f " % (k, v)
        print(message)
