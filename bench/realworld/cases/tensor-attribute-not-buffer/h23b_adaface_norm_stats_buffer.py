# source: https://github.com/mk-minchul/AdaFace/issues/15
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class AdaFaceHead(nn.Module):
    def __init__(self, embedding_size=512, classnum=70722, m=0.4, h=0.333, s=64.0, t_alpha=0.01):
        super().__init__()
        self.kernel = nn.Parameter(torch.empty(embedding_size, classnum).uniform_(-1, 1))
        self.m, self.h, self.s, self.t_alpha = m, h, s, t_alpha
        self.eps = 1e-3
        self.register_buffer("t", torch.zeros(1))
        self.register_buffer("batch_mean", torch.ones(1) * 20)
        self.register_buffer("batch_std", torch.ones(1) * 100)

    def forward(self, embeddings, norms, label):
        kernel_norm = F.normalize(self.kernel, dim=0)
        cosine = (embeddings @ kernel_norm).clamp(-1 + self.eps, 1 - self.eps)
        safe_norms = norms.clamp(min=0.001, max=100).detach()
        with torch.no_grad():
            mean, std = safe_norms.mean(), safe_norms.std()
            self.batch_mean = mean * self.t_alpha + (1 - self.t_alpha) * self.batch_mean
            self.batch_std = std * self.t_alpha + (1 - self.t_alpha) * self.batch_std
        margin_scaler = ((safe_norms - self.batch_mean) / (self.batch_std + self.eps) * self.h).clamp(-1, 1)
        one_hot = torch.zeros(label.size(0), cosine.size(1), device=cosine.device)
        one_hot.scatter_(1, label.view(-1, 1), 1.0)
        theta = cosine.acos()
        g_angular = -self.m * margin_scaler
        theta_m = (theta + one_hot * g_angular).clamp(self.eps, math.pi - self.eps)
        g_add = self.m + self.m * margin_scaler
        cosine = theta_m.cos() - one_hot * g_add
        return cosine * self.s


def train_step(backbone, head, batch, optimizer, device):
    images, labels = batch[0].to(device), batch[1].to(device)
    embeddings, norms = backbone(images)
    logits = head(embeddings, norms, labels)
    loss = F.cross_entropy(logits, labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


def fit(backbone, loader, device, classnum):
    head = AdaFaceHead(classnum=classnum).to(device)
    backbone = backbone.to(device)
    optimizer = torch.optim.SGD(list(backbone.parameters()) + list(head.parameters()), lr=0.1, momentum=0.9)
    for batch in loader:
        train_step(backbone, head, batch, optimizer, device)
