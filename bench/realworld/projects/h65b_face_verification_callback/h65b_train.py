# source: https://github.com/fdbtrs/ElasticFace/pull/13
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: loader-loop, multi-file
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Margin-based face recognition training with periodic LFW/CFP-FP/AgeDB verification."""
import argparse
import logging

import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision import datasets, transforms
from torchvision.models import resnet50

from h65b_callbacks import CallBackVerification


class ElasticArcFace(nn.Module):
    def __init__(self, in_features, out_features, s=64.0, m=0.5, std=0.05):
        super().__init__()
        self.s, self.m, self.std = s, m, std
        self.kernel = nn.Parameter(torch.normal(0, 0.01, (in_features, out_features)))

    def forward(self, embeddings, label):
        cos_theta = torch.mm(F.normalize(embeddings, dim=1), F.normalize(self.kernel, dim=0))
        cos_theta = cos_theta.clamp(-1 + 1e-7, 1 - 1e-7)
        margin = torch.normal(self.m, self.std, size=label.shape, device=cos_theta.device)
        theta = torch.acos(cos_theta)
        rows = torch.arange(label.size(0), device=label.device)
        theta[rows, label] += margin
        return torch.cos(theta) * self.s


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/casia_webface_112")
    parser.add_argument("--rec", default="data/faces_emore")
    parser.add_argument("--local_rank", type=int, default=0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)

    device = torch.device("cuda", args.local_rank)
    tf = transforms.Compose([transforms.RandomHorizontalFlip(), transforms.ToTensor(),
                             transforms.Normalize([0.5] * 3, [0.5] * 3)])
    train_set = datasets.ImageFolder(args.data, tf)
    loader = torch.utils.data.DataLoader(train_set, batch_size=128, shuffle=True, num_workers=8,
                                         drop_last=True)
    backbone = resnet50(num_classes=512).to(device)
    header = ElasticArcFace(512, len(train_set.classes)).to(device)
    params = [{"params": backbone.parameters()}, {"params": header.parameters()}]
    optimizer = torch.optim.SGD(params, lr=0.1, momentum=0.9, weight_decay=5e-4)
    callback_verification = CallBackVerification(2000, args.local_rank, ["lfw", "cfp_fp", "agedb_30"], args.rec)

    global_step = 0
    for epoch in range(26):
        for img, label in loader:
            img, label = img.to(device), label.to(device)
            loss = F.cross_entropy(header(backbone(img), label), label)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(backbone.parameters(), max_norm=5, norm_type=2)
            optimizer.step()
            global_step += 1
            callback_verification(global_step, backbone)
        logging.info("epoch %d done, loss %.4f", epoch, loss.item())


if __name__ == "__main__":
    main()
