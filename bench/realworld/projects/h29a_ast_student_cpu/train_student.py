# source: https://github.com/marco-rudolph/AST/issues/4
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, loader-loop
# needs: torch, numpy, scikit-learn
# cpu: no written where torch was not installed; not run
"""Train the student to regress the frozen teacher's latent features; the
student/teacher distance is the anomaly score."""
import numpy as np
import torch
from sklearn.metrics import roc_auc_score

import config as c
from model import Model, load_weights
from utils import load_feature_datasets, make_dataloaders


def train(train_loader, test_loader):
    teacher = Model(nf=True)
    teacher = load_weights(teacher, "teacher")
    student = Model(nf=False)
    student.to(c.device)
    optimizer = torch.optim.Adam(student.net.parameters(), lr=c.lr, eps=1e-8, weight_decay=1e-5)

    for epoch in range(c.meta_epochs * c.sub_epochs):
        student.train()
        for feats, _ in train_loader:
            feats = feats.to(c.device)
            with torch.no_grad():
                z_t = teacher(feats)
            loss = torch.mean((student(feats) - z_t) ** 2)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    student.eval()
    scores, labels = [], []
    with torch.no_grad():
        for feats, lab in test_loader:
            feats = feats.to(c.device)
            dist = torch.mean((student(feats) - teacher(feats)) ** 2, dim=1)
            scores.append(dist.flatten(1).max(dim=1).values.cpu().numpy())
            labels.append(lab.numpy())
    auroc = roc_auc_score(np.concatenate(labels) > 0, np.concatenate(scores))
    print(f"{c.class_name}: image AUROC {auroc:.4f}")
    return student


if __name__ == "__main__":
    train_set, test_set = load_feature_datasets(c.dataset_path, c.class_name)
    train(*make_dataloaders(train_set, test_set))
