# source: https://github.com/MouseLand/cellpose/issues/211
# error: RuntimeError: Tensor for argument #2 'weight' is on CPU, but expected it to be on GPU (while checking arguments for cudnn_batch_norm)
# pattern: module-not-placed
# shape: multi-file, loader-loop, helper
# bug-lines: 58
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse
import glob

import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from h52a_models import NucleusModel


def load_training_set(folder, img_filter="_img", flow_filter="_flows"):
    imgs = [np.load(p) for p in sorted(glob.glob(f"{folder}/*{img_filter}.npy"))]
    flows = [np.load(p) for p in sorted(glob.glob(f"{folder}/*{flow_filter}.npy"))]
    return torch.from_numpy(np.stack(imgs)).float(), torch.from_numpy(np.stack(flows)).float()


def flow_loss(pred, target):
    # target channels: dy, dx (scaled by 5), cell probability
    veci = 5.0 * target[:, :2]
    return F.mse_loss(pred[:, :2], veci) / 2 + F.binary_cross_entropy_with_logits(pred[:, 2], target[:, 2])


def train_net(net, images, flows, device, n_epochs=100, learning_rate=0.2, batch_size=8):
    loader = DataLoader(TensorDataset(images, flows), batch_size=batch_size, shuffle=True)
    opt = torch.optim.SGD(net.parameters(), lr=learning_rate, momentum=0.9, weight_decay=1e-5)
    net.train()
    for epoch in range(n_epochs):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = flow_loss(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        if epoch % 10 == 0:
            print(f"epoch {epoch} loss {loss.item():.4f}")
    return net


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--use_gpu", action="store_true")
    ap.add_argument("--pretrained_model", default=None)
    ap.add_argument("--diameter", type=float, default=17.0)
    ap.add_argument("--n_epochs", type=int, default=150)
    ap.add_argument("--learning_rate", type=float, default=0.15)
    args = ap.parse_args()

    device = torch.device("cuda" if args.use_gpu else "cpu")
    model = NucleusModel(pretrained_model=args.pretrained_model, diam_mean=args.diameter)
    images, flows = load_training_set(args.dir)
    train_net(model.net, images, flows, device, n_epochs=args.n_epochs, learning_rate=args.learning_rate)
    model.save(f"{args.dir}/models/nucleus_model.pth")


if __name__ == "__main__":
    main()
