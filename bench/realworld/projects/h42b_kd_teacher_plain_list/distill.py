# source: https://github.com/open-mmlab/mmdetection/issues/8081
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 23, 32
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class DistillDetector(nn.Module):
    """Student trained with hard labels plus soft targets from a frozen teacher.

    The teacher is kept out of the module tree so that its weights are not saved in the
    student checkpoint and not handed to the optimizer.
    """

    def __init__(self, student, teacher, temperature=2.0, alpha=0.7):
        super().__init__()
        self.student = student
        self._teacher = [teacher]
        self.temperature = temperature
        self.alpha = alpha

    def forward(self, images, targets=None):
        logits = self.student(images)
        if targets is None:
            return logits
        with torch.no_grad():
            t_logits = self._teacher[0](images)
        t = self.temperature
        soft = F.kl_div(
            F.log_softmax(logits / t, dim=1), F.softmax(t_logits / t, dim=1), reduction="batchmean"
        ) * t * t
        hard = F.cross_entropy(logits, targets)
        return self.alpha * soft + (1 - self.alpha) * hard
