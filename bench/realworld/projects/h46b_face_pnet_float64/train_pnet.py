# source: https://github.com/wujiyang/MTCNN_TRAIN/issues/3
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: multi-file, loader-loop
# bug-lines: 36
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train P-Net on the assembled 12x12 annotation list."""
import json
import os

import torch

from image_reader import TrainImageReader
from models import LossFn, PNet

ANNO_FILE = "anno_store/imglist_anno_12.json"
MODEL_DIR = "model_store"


def train_pnet(imdb, end_epoch=10, base_lr=0.01, batch_size=256, use_cuda=True):
    device = torch.device("cuda" if use_cuda and torch.cuda.is_available() else "cpu")
    net = PNet().to(device)
    loss_fn = LossFn()
    optimizer = torch.optim.Adam(net.parameters(), lr=base_lr)
    reader = TrainImageReader(imdb, im_size=12, batch_size=batch_size, shuffle=True)
    os.makedirs(MODEL_DIR, exist_ok=True)

    for epoch in range(end_epoch):
        net.train()
        for batch_idx, (images, gt_label, gt_bbox) in enumerate(reader):
            images = images.to(device)
            gt_label = gt_label.to(device)
            gt_bbox = gt_bbox.to(device)

            cls_pred, box_pred = net(images)
            cls_loss = loss_fn.cls_loss(gt_label, cls_pred)
            box_loss = loss_fn.box_loss(gt_label, gt_bbox, box_pred)
            loss = cls_loss + box_loss

            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if batch_idx % 100 == 0:
                print(f"epoch {epoch} batch {batch_idx} cls {cls_loss.item():.4f} box {box_loss.item():.4f}")
        torch.save(net.state_dict(), os.path.join(MODEL_DIR, f"pnet_epoch_{epoch}.pt"))


if __name__ == "__main__":
    with open(ANNO_FILE) as fh:
        train_pnet(json.load(fh))
