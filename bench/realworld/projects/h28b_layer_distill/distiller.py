# source: https://github.com/facebookresearch/d2go/pull/430
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 29, 52
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F

from losses import FeatureAlignLoss, LayerLossSpec


def _capture(store, key):
    def hook(_module, _inputs, output):
        store[key] = output
    return hook


class DistillModel(nn.Module):
    def __init__(self, student, teacher, layer_pairs, temperature=4.0):
        super().__init__()
        self.student = student
        self.teacher = teacher.eval().requires_grad_(False)
        self.temperature = temperature
        self._feats = {}
        # one hint loss per (student_layer, teacher_layer, s_dim, t_dim)
        self.layer_losses = [
            LayerLossSpec(f"hint_{i}", s, t, FeatureAlignLoss(s_dim, t_dim))
            for i, (s, t, s_dim, t_dim) in enumerate(layer_pairs)
        ]
        for spec in self.layer_losses:
            dict(student.named_modules())[spec.student_layer].register_forward_hook(
                _capture(self._feats, "s:" + spec.student_layer))
            dict(teacher.named_modules())[spec.teacher_layer].register_forward_hook(
                _capture(self._feats, "t:" + spec.teacher_layer))

    def forward(self, images, labels):
        with torch.no_grad():
            t_logits = self.teacher(images)
        s_logits = self.student(images)
        tau = self.temperature
        losses = {
            "ce": F.cross_entropy(s_logits, labels),
            "kd": F.kl_div(F.log_softmax(s_logits / tau, dim=1),
                           F.softmax(t_logits / tau, dim=1), reduction="batchmean") * tau * tau,
        }
        for spec in self.layer_losses:
            s_feat = self._feats["s:" + spec.student_layer]
            t_feat = self._feats["t:" + spec.teacher_layer]
            losses[spec.name] = spec.weight * spec.loss(s_feat, t_feat)
        return losses
