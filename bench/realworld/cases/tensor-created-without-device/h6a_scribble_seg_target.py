# source: https://github.com/kanezaki/pytorch-unsupervised-segmentation-tip/issues/4
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: top-level
# bug-lines: 33, 55
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
import argparse

import cv2
import numpy as np
import torch
import torch.nn as nn

parser = argparse.ArgumentParser(description="Unsupervised segmentation with scribble hints")
parser.add_argument("--input", required=True)
parser.add_argument("--scribble", required=True, help="png, 255 = unlabeled")
parser.add_argument("--n_channel", type=int, default=100)
parser.add_argument("--max_iter", type=int, default=1000)
parser.add_argument("--stepsize_sim", type=float, default=1.0)
parser.add_argument("--stepsize_scr", type=float, default=0.5)
args = parser.parse_args()
use_cuda = torch.cuda.is_available()

im = cv2.imread(args.input)
data = torch.from_numpy(im.transpose((2, 0, 1)).astype("float32") / 255.0).unsqueeze(0)
if use_cuda:
    data = data.cuda()

mask = cv2.imread(args.scribble, -1).reshape(-1)
inds_sim = torch.from_numpy(np.where(mask == 255)[0])
inds_scr = torch.from_numpy(np.where(mask != 255)[0])
target_scr = torch.from_numpy(mask.astype(np.int64))
if use_cuda:
    inds_sim = inds_sim.cuda()
    inds_scr = inds_scr.cuda()

model = nn.Sequential(
    nn.Conv2d(3, args.n_channel, 3, padding=1), nn.ReLU(), nn.BatchNorm2d(args.n_channel),
    nn.Conv2d(args.n_channel, args.n_channel, 3, padding=1), nn.ReLU(), nn.BatchNorm2d(args.n_channel),
    nn.Conv2d(args.n_channel, args.n_channel, 1), nn.BatchNorm2d(args.n_channel),
)
if use_cuda:
    model.cuda()
model.train()
loss_fn = nn.CrossEntropyLoss()
loss_fn_scr = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)

for it in range(args.max_iter):
    optimizer.zero_grad()
    output = model(data)[0].permute(1, 2, 0).contiguous().view(-1, args.n_channel)
    target = torch.argmax(output, 1)
    loss = (args.stepsize_sim * loss_fn(output[inds_sim], target[inds_sim])
            + args.stepsize_scr * loss_fn_scr(output[inds_scr], target_scr[inds_scr]))
    loss.backward()
    optimizer.step()
    n_labels = len(np.unique(target.data.cpu().numpy()))
    print(f"{it}/{args.max_iter} | labels: {n_labels} | loss: {loss.item():.4f}")
    if n_labels <= 2:
        break
