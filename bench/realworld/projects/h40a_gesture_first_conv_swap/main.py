# source: https://github.com/ahmetgunduz/Real-time-GesRec/issues/48
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-added-after-placement
# shape: multi-file, helper, loader-loop
# bug-lines: 24
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train a binary gesture detector (gesture / no gesture) on short clips."""
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from kernels import modify_kernels
from resnetl import ResNetL


def generate_model(opt):
    model = ResNetL(num_classes=opt.n_classes)
    if not opt.no_cuda:
        model = model.cuda()
        model = nn.DataParallel(model, device_ids=None)
    model = modify_kernels(model, opt.modality, opt.temporal_kernel)
    return model, model.parameters()


def train_epoch(epoch, loader, model, criterion, optimizer, use_cuda):
    model.train()
    for i, (inputs, targets) in enumerate(loader):
        if use_cuda:
            inputs, targets = inputs.cuda(non_blocking=True), targets.cuda(non_blocking=True)
        outputs = model(inputs)
        loss = criterion(outputs, targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if i % 50 == 0:
            print(f"epoch {epoch} iter {i} loss {loss.item():.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--clips", default="annotation_Jester/train_clips.pt")
    parser.add_argument("--modality", default="Depth")
    parser.add_argument("--temporal_kernel", type=int, default=3)
    parser.add_argument("--n_classes", type=int, default=2)
    parser.add_argument("--no_cuda", action="store_true")
    opt = parser.parse_args()

    model, parameters = generate_model(opt)
    clips, labels = torch.load(opt.clips)
    loader = DataLoader(list(zip(clips, labels)), batch_size=16, shuffle=True, num_workers=4, pin_memory=True)
    optimizer = torch.optim.SGD(parameters, lr=0.01, momentum=0.9, weight_decay=1e-3)
    for epoch in range(1, 31):
        train_epoch(epoch, loader, model, nn.CrossEntropyLoss(), optimizer, not opt.no_cuda)
