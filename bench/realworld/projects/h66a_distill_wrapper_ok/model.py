# source: https://github.com/open-mmlab/mmdetection/issues/5055
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# looks-like: module-not-placed
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision


def build_backbone(arch, num_classes):
    model = getattr(torchvision.models, arch)(weights=None)
    model.fc = nn.Linear(model.fc.in_features, num_classes)
    return model


class DistillModel(nn.Module):
    """Student trained against a frozen teacher (soft targets + hard labels)."""

    def __init__(self, student, teacher, temperature=4.0, alpha=0.7):
        super().__init__()
        self.student = student
        self.teacher = teacher
        self.temperature = temperature
        self.alpha = alpha
        for p in self.teacher.parameters():
            p.requires_grad_(False)

    def train(self, mode=True):
        super().train(mode)
        self.teacher.eval()
        return self

    def forward(self, images, labels=None):
        student_logits = self.student(images)
        if labels is None:
            return student_logits
        with torch.no_grad():
            teacher_logits = self.teacher(images)
        t = self.temperature
        kd = F.kl_div(F.log_softmax(student_logits / t, dim=1),
                      F.softmax(teacher_logits / t, dim=1),
                      reduction="batchmean") * t * t
        ce = F.cross_entropy(student_logits, labels)
        return student_logits, self.alpha * kd + (1.0 - self.alpha) * ce
