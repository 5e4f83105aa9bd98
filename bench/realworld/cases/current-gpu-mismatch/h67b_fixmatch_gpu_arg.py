# source: https://github.com/microsoft/Semi-supervised-learning/issues/101
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:4 and cuda:0! (when checking argument for argument weight in method wrapper__cudnn_convolution)
# pattern: current-gpu-mismatch
# shape: class, batch-dict, loader-loop
# bug-lines: 32, 60
# needs: torch
# cpu: no written where torch was not installed; not run
"""FixMatch trainer: confidence-thresholded pseudo-labels on strongly augmented views."""
import argparse

import torch
import torch.nn.functional as F


class FixMatchTrainer:
    def __init__(self, model, optimizer, gpu, threshold=0.95, lambda_u=1.0):
        self.gpu = gpu
        self.model = model.cuda(gpu)
        self.optimizer = optimizer
        self.threshold = threshold
        self.lambda_u = lambda_u

    def pseudo_label(self, logits_weak):
        probs = torch.softmax(logits_weak.detach(), dim=-1)
        max_probs, targets = probs.max(dim=-1)
        mask = max_probs.ge(self.threshold).float()
        return targets, mask

    def train_step(self, lb_batch, ulb_batch):
        num_lb = lb_batch["x"].size(0)
        y_lb = lb_batch["y"].cuda(self.gpu)
        inputs = torch.cat([lb_batch["x"], ulb_batch["weak"], ulb_batch["strong"]]).cuda()
        logits = self.model(inputs)
        logits_lb = logits[:num_lb]
        logits_w, logits_s = logits[num_lb:].chunk(2)
        sup_loss = F.cross_entropy(logits_lb, y_lb)
        targets, mask = self.pseudo_label(logits_w)
        unsup_loss = (F.cross_entropy(logits_s, targets, reduction="none") * mask).mean()
        loss = sup_loss + self.lambda_u * unsup_loss
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return {"sup": sup_loss.item(), "unsup": unsup_loss.item(), "mask": mask.mean().item()}

    def fit(self, lb_loader, ulb_loader, iters):
        self.model.train()
        lb_iter, ulb_iter = iter(lb_loader), iter(ulb_loader)
        for it in range(iters):
            lb_batch, lb_iter = self._next(lb_iter, lb_loader)
            ulb_batch, ulb_iter = self._next(ulb_iter, ulb_loader)
            log = self.train_step(lb_batch, ulb_batch)
            if it % 100 == 0:
                print(it, log)

    @torch.no_grad()
    def evaluate(self, eval_loader):
        self.model.eval()
        correct = total = 0
        for batch in eval_loader:
            logits = self.model(batch["x"].cuda())
            correct += (logits.argmax(-1).cpu() == batch["y"]).sum().item()
            total += batch["y"].numel()
        self.model.train()
        return correct / max(total, 1)

    @staticmethod
    def _next(it, loader):
        try:
            return next(it), it
        except StopIteration:
            it = iter(loader)
            return next(it), it


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=0, help="which GPU to train on")
    parser.add_argument("--iters", type=int, default=1 << 20)
    return parser.parse_args()
