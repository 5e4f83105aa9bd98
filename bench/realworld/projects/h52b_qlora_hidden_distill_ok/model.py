# source: https://github.com/artidoro/qlora/issues/287
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: float != c10::BFloat16
# pattern: partial-dtype-cast
# shape: multi-file, class
# looks-like: partial-dtype-cast
# needs: torch, transformers, peft, bitsandbytes
# cpu: no written where torch was not installed; not run
"""QLoRA student with a full-precision projector into the teacher's hidden space."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class StudentWithProjector(nn.Module):
    def __init__(self, student, teacher_hidden_size):
        super().__init__()
        self.student = student
        self.projector = nn.Linear(student.config.hidden_size, teacher_hidden_size)

    def forward(self, input_ids, attention_mask):
        out = self.student(input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True)
        hidden = out.hidden_states[-1].to(self.projector.weight.dtype)
        return out.logits, self.projector(hidden)


def distill_loss(student_logits, teacher_logits, student_proj, teacher_hidden, mask,
                 temperature=2.0, hidden_weight=0.5):
    s = F.log_softmax(student_logits.float() / temperature, dim=-1)
    t = F.softmax(teacher_logits.float() / temperature, dim=-1)
    kd = (F.kl_div(s, t, reduction="none").sum(-1) * mask).sum() / mask.sum()
    mse = ((student_proj - teacher_hidden.float()).pow(2).mean(-1) * mask).sum() / mask.sum()
    return kd * temperature ** 2 + hidden_weight * mse
