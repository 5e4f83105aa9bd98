# source: https://github.com/amdegroot/ssd.pytorch/issues/323
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #2 'other'
# pattern: cache-builder-cpu-default
# shape: multi-file, helper, batch-dict
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader
from torchvision.datasets import VOCDetection
from torchvision.transforms import functional as TF

from box_utils import MultiBoxLoss
from model import SSD
from priors import VOC_300

VOC_CLASSES = ["aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat", "chair",
               "cow", "diningtable", "dog", "horse", "motorbike", "person", "pottedplant",
               "sheep", "sofa", "train", "tvmonitor"]


def voc_to_tensor(image, ann):
    w, h = image.size
    rows = []
    for obj in ann["annotation"]["object"]:
        bb = obj["bndbox"]
        rows.append([float(bb["xmin"]) / w, float(bb["ymin"]) / h, float(bb["xmax"]) / w,
                     float(bb["ymax"]) / h, VOC_CLASSES.index(obj["name"])])
    return TF.to_tensor(TF.resize(image, [300, 300])), torch.tensor(rows)


def detection_collate(batch):
    images, targets = zip(*batch)
    return torch.stack(images, 0), list(targets)


def train(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dataset = VOCDetection(args.voc_root, year="2012", image_set="train", transforms=voc_to_tensor)
    loader = DataLoader(dataset, batch_size=args.batch_size, shuffle=True,
                        collate_fn=detection_collate, num_workers=4)
    net = SSD(VOC_300).to(device)
    criterion = MultiBoxLoss(VOC_300["num_classes"])
    optimizer = torch.optim.SGD(net.parameters(), lr=1e-3, momentum=0.9, weight_decay=5e-4)
    for epoch in range(args.epochs):
        for step, (images, targets) in enumerate(loader):
            images = images.to(device)
            targets = [t.to(device) for t in targets]
            out = net(images)
            loss_l, loss_c = criterion(out, targets)
            loss = loss_l + loss_c
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 50 == 0:
                print(f"epoch {epoch} iter {step}: loc {loss_l.item():.3f} conf {loss_c.item():.3f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--voc-root", default="data/VOCdevkit")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--epochs", type=int, default=20)
    train(parser.parse_args())
