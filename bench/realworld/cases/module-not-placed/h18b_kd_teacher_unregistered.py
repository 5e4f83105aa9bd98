# source: https://github.com/open-mmlab/mmdetection/issues/7670
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: class, loader-loop
# bug-lines: 34, 44, 65
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F


def build_detector(num_classes, width):
    return nn.ModuleDict({
        "backbone": nn.Sequential(
            nn.Conv2d(3, width, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(width, width, 3, stride=2, padding=1), nn.ReLU()),
        "head": nn.Conv2d(width, num_classes, 1),
    })


class KDOneStageDetector(nn.Module):
    """Student detector distilled from a frozen, larger teacher."""

    def __init__(self, num_classes, teacher_ckpt=None, temperature=2.0):
        super().__init__()
        self.student = build_detector(num_classes, width=32)
        teacher = build_detector(num_classes, width=128)
        if teacher_ckpt is not None:
            teacher.load_state_dict(torch.load(teacher_ckpt, map_location="cpu"))
        teacher.eval()
        # register the teacher as a plain object so it stays out of parameters() / state_dict()
        object.__setattr__(self, "teacher", teacher)
        self.temperature = temperature

    def cuda(self, device=None):
        self.teacher.cuda(device=device)
        return super().cuda(device=device)

    def forward_train(self, img, labels):
        s_logits = self.student["head"](self.student["backbone"](img))
        with torch.no_grad():
            t_logits = self.teacher["head"](self.teacher["backbone"](img))
        T = self.temperature
        kd = F.kl_div(F.log_softmax(s_logits / T, dim=1), F.softmax(t_logits / T, dim=1),
                      reduction="batchmean")
        return F.cross_entropy(s_logits, labels) + kd * T * T


def train(model, loader, device, epochs=2):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    model.train()
    for epoch in range(epochs):
        for img, labels in loader:
            loss = model.forward_train(img.to(device), labels.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = KDOneStageDetector(num_classes=8).to(device)
    loader = [(torch.randn(4, 3, 128, 128), torch.randint(0, 8, (4, 32, 32))) for _ in range(10)]
    train(model, loader, device)
