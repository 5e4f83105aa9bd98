# The weights and the saved logits are made float32 before np.dot blends
# them, so the collated targets are float32 like the student's prediction.
import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class BlendedSoftLabels(Dataset):
    def __init__(self, features, teacher_files, teacher_weights):
        self.features = features
        probs = np.stack([np.load(path) for path in teacher_files], axis=1)
        self.targets = np.dot(np.array(teacher_weights, dtype=np.float32), probs.astype(np.float32))

    def __len__(self):
        return len(self.features)

    def __getitem__(self, i):
        return {"x": self.features[i], "soft": self.targets[i]}


def distill(student, loader, optimizer):
    for batch in loader:
        x, soft = batch["x"].cuda(), batch["soft"].cuda()
        loss = F.huber_loss(student(x), soft)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    features = torch.randn(512, 64)
    dataset = BlendedSoftLabels(features, ["t0.npy", "t1.npy"], [0.7, 0.3])
    student = torch.nn.Linear(64, 10).cuda()
    opt = torch.optim.Adam(student.parameters())
    distill(student, DataLoader(dataset, batch_size=32, shuffle=True), opt)
