# source: https://github.com/Cysu/open-reid/issues/97
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class, loader-loop
# bug-lines: 62, 63
# needs: torch
# cpu: no written where torch was not installed; not run
import time

import torch


class AverageMeter(object):
    def __init__(self):
        self.val = self.avg = self.sum = self.count = 0

    def update(self, val, n=1):
        self.val = val
        self.sum += val * n
        self.count += n
        self.avg = self.sum / self.count


def accuracy(output, target):
    pred = output.argmax(dim=1)
    return (pred == target).float().mean().item()


class BaseTrainer(object):
    def __init__(self, model, criterion):
        self.model = model
        self.criterion = criterion

    def train(self, epoch, data_loader, optimizer, print_freq=10):
        self.model.train()
        losses, precisions = AverageMeter(), AverageMeter()
        end = time.time()
        for i, inputs in enumerate(data_loader):
            inputs, targets = self._parse_data(inputs)
            loss, prec1 = self._forward(inputs, targets)
            losses.update(loss.item(), targets.size(0))
            precisions.update(prec1, targets.size(0))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if (i + 1) % print_freq == 0:
                print("Epoch: [{}][{}/{}]  Time {:.3f}  Loss {:.3f} ({:.3f})  Prec {:.2%}".format(
                    epoch, i + 1, len(data_loader), time.time() - end,
                    losses.val, losses.avg, precisions.avg))
            end = time.time()

    def _parse_data(self, inputs):
        raise NotImplementedError

    def _forward(self, inputs, targets):
        raise NotImplementedError


class Trainer(BaseTrainer):
    def _parse_data(self, inputs):
        imgs, _, pids, _ = inputs
        inputs = imgs.cuda()
        targets = pids.cuda()
        return inputs, targets

    def _forward(self, inputs, targets):
        outputs = self.model(inputs)
        loss = self.criterion(outputs, targets)
        return loss, accuracy(outputs.detach(), targets)
