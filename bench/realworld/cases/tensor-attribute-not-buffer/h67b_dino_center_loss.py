# source: https://github.com/lightly-ai/lightly/pull/1629
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 20
# needs: torch
# cpu: no written where torch was not installed; not run
"""Self-distillation (DINO-style) pretraining step with an EMA-centred teacher."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Center(nn.Module):
    """Tracks the running mean of the teacher outputs."""

    def __init__(self, dim, momentum=0.9):
        super().__init__()
        self.momentum = momentum
        self.center = torch.zeros(1, dim)

    @torch.no_grad()
    def update(self, teacher_out):
        batch_center = teacher_out.mean(dim=0, keepdim=True)
        self.center = self.center * self.momentum + batch_center * (1 - self.momentum)


class DINOLoss(nn.Module):
    def __init__(self, out_dim, teacher_temp=0.04, student_temp=0.1):
        super().__init__()
        self.teacher_temp = teacher_temp
        self.student_temp = student_temp
        self.centering = Center(out_dim)

    def forward(self, student_out, teacher_out):
        teacher_probs = F.softmax((teacher_out - self.centering.center) / self.teacher_temp, dim=-1)
        student_logp = F.log_softmax(student_out / self.student_temp, dim=-1)
        loss = -(teacher_probs.detach() * student_logp).sum(dim=-1).mean()
        self.centering.update(teacher_out)
        return loss


def train_one_epoch(student, teacher, loader, criterion, optimizer, device, ema=0.996):
    student.train()
    for views, _ in loader:
        global_view, local_view = views[0].to(device), views[1].to(device)
        with torch.no_grad():
            t_out = teacher(global_view)
        s_out = student(local_view)
        loss = criterion(s_out, t_out)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            for ps, pt in zip(student.parameters(), teacher.parameters()):
                pt.mul_(ema).add_(ps.detach(), alpha=1 - ema)


def build(backbone_fn, out_dim=4096, lr=5e-4):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    student = backbone_fn(out_dim).to(device)
    teacher = backbone_fn(out_dim).to(device)
    teacher.load_state_dict(student.state_dict())
    for p in teacher.parameters():
        p.requires_grad_(False)
    criterion = DINOLoss(out_dim).to(device)
    optimizer = torch.optim.AdamW(student.parameters(), lr=lr)
    return student, teacher, criterion, optimizer, device
