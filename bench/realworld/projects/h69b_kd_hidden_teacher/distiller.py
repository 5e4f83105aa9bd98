# source: https://github.com/open-mmlab/mmdetection/pull/4758
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 22, 43
# needs: torch
# cpu: no written where torch was not installed; not run
"""Response-based knowledge distillation wrapper.

The teacher is deliberately kept out of the module tree so that its weights
do not end up in the student's state_dict or in the optimizer.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class KDClassifier(nn.Module):
    def __init__(self, student, teacher, temperature=4.0, alpha=0.7):
        super().__init__()
        self.student = student
        self._teacher = [teacher.eval()]
        for p in teacher.parameters():
            p.requires_grad_(False)
        self.temperature = temperature
        self.alpha = alpha

    @property
    def teacher(self):
        return self._teacher[0]

    def kd_loss(self, s_logits, t_logits):
        t = self.temperature
        return F.kl_div(F.log_softmax(s_logits / t, dim=1),
                        F.softmax(t_logits / t, dim=1),
                        reduction="batchmean") * t * t

    def forward(self, images, labels=None):
        s_logits = self.student(images)
        if labels is None:
            return s_logits
        with torch.no_grad():
            t_logits = self.teacher(images)
        ce = F.cross_entropy(s_logits, labels)
        return self.alpha * self.kd_loss(s_logits, t_logits) + (1 - self.alpha) * ce
