# Targets blended from several teachers' saved logits with a weight per teacher:
# the weights are Python floats, so np.dot promotes the blend to float64 whatever
# dtype the saved arrays have, and the collated target reaches huber_loss as float64
# while the student predicts float32 (its backward refuses the mix).
import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class BlendedSoftLabels(Dataset):
    def __init__(self, features, teacher_files, teacher_weights):
        self.features = features
        probs = np.stack([np.load(path) for path in teacher_files], axis=1)
        self.targets = np.dot(np.array(teacher_weights), probs)  # expect: TL104:24 lines=27

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
