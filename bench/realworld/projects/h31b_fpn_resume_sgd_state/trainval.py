# source: https://github.com/jwyang/fpn.pytorch/issues/45
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #4 'other'
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop, top-level
# bug-lines: 50, 53
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Train / resume the FPN detector (trainval_net.py style)."""
import argparse

import torch
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision.datasets import VOCDetection

from checkpoint import checkpoint_name, load_checkpoint, save_checkpoint
from fpn_model import FPN

VOC_CLASSES = ["aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat", "chair", "cow",
               "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa",
               "train", "tvmonitor"]


def image_labels(target):
    labels = torch.zeros(len(VOC_CLASSES) + 1)
    for obj in target["annotation"]["object"]:
        labels[VOC_CLASSES.index(obj["name"]) + 1] = 1.0
    return labels

parser = argparse.ArgumentParser()
parser.add_argument("--cuda", action="store_true")
parser.add_argument("--lr", type=float, default=1e-3)
parser.add_argument("--epochs", type=int, default=12)
parser.add_argument("--r", dest="resume", action="store_true")
parser.add_argument("--checksession", type=int, default=1)
parser.add_argument("--checkepoch", type=int, default=1)
parser.add_argument("--checkpoint", type=int, default=0)
parser.add_argument("--output_dir", default="models/res50/pascal_voc")
args = parser.parse_args()

fpn = FPN(num_classes=21)
decay = [p for n, p in fpn.named_parameters() if p.requires_grad and not n.endswith("bias")]
no_decay = [p for n, p in fpn.named_parameters() if p.requires_grad and n.endswith("bias")]
optimizer = torch.optim.SGD([{"params": decay, "weight_decay": 1e-4},
                             {"params": no_decay, "weight_decay": 0.0}], lr=args.lr, momentum=0.9)

start_epoch, session = 1, args.checksession
if args.resume:
    load_name = checkpoint_name(args.output_dir, args.checksession, args.checkepoch, args.checkpoint)
    session, start_epoch, args.lr = load_checkpoint(load_name, fpn, optimizer)

if args.cuda:
    fpn.cuda()

dataset = VOCDetection("data", year="2007", image_set="trainval", target_transform=image_labels,
                       transform=T.Compose([T.Resize((600, 600)), T.ToTensor()]))
loader = DataLoader(dataset, batch_size=2, shuffle=True, num_workers=4)
for epoch in range(start_epoch, args.epochs + 1):
    fpn.train()
    for step, (images, labels) in enumerate(loader):
        if args.cuda:
            images, labels = images.cuda(), labels.cuda()
        loss = fpn(images, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 100 == 0:
            print("[session %d][epoch %2d][iter %4d] loss: %.4f" % (session, epoch, step, loss.item()))
    save_checkpoint(checkpoint_name(args.output_dir, session, epoch, step), fpn, optimizer, epoch, session, args.lr)
