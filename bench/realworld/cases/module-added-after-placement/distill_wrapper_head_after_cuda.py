# source: https://github.com/lucidrains/vit-pytorch/pull/324
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-added-after-placement
# shape: class, loader-loop
# bug-lines: 39, 40, 64
# cpu: clean
# needs: torch
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class DistillableViT(nn.Module):
    def __init__(self, image_size=32, patch=8, dim=32, num_classes=10):
        super().__init__()
        self.dim = dim
        self.to_patches = nn.Conv2d(3, dim, patch, stride=patch)
        self.cls_token = nn.Parameter(torch.randn(1, 1, dim))
        self.pos = nn.Parameter(torch.randn(1, (image_size // patch) ** 2 + 2, dim))
        self.encoder = nn.TransformerEncoderLayer(dim, nhead=4, batch_first=True)
        self.mlp_head = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, num_classes))

    def forward(self, img, distill_token):
        x = self.to_patches(img).flatten(2).transpose(1, 2)
        b = x.shape[0]
        x = torch.cat((self.cls_token.expand(b, -1, -1), x, distill_token.expand(b, -1, -1)), dim=1)
        x = self.encoder(x + self.pos)
        return self.mlp_head(x[:, 0]), x[:, -1]


class DistillWrapper(nn.Module):
    def __init__(self, *, teacher, student, temperature=1.0, alpha=0.5):
        super().__init__()
        self.teacher, self.student = teacher, student
        self.temperature, self.alpha = temperature, alpha
        dim = student.dim
        num_classes = student.mlp_head[-1].out_features
        self.distillation_token = nn.Parameter(torch.randn(1, 1, dim))
        self.distill_mlp = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, num_classes))

    def forward(self, img, labels):
        with torch.no_grad():
            teacher_logits = self.teacher(img)
        logits, distill_tokens = self.student(img, self.distillation_token)
        distill_logits = self.distill_mlp(distill_tokens)
        loss = F.cross_entropy(logits, labels)
        t = self.temperature
        kd = F.kl_div(F.log_softmax(distill_logits / t, dim=-1),
                      F.softmax(teacher_logits / t, dim=-1), reduction="batchmean") * t * t
        return loss * (1 - self.alpha) + kd * self.alpha


def make_teacher(num_classes=10):
    return nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                         nn.Flatten(), nn.Linear(16, num_classes))


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    teacher = make_teacher().to(device).eval()
    v = DistillableViT().to(device)

    distiller = DistillWrapper(student=v, teacher=teacher, temperature=3, alpha=0.5)
    optimizer = torch.optim.Adam(distiller.parameters(), lr=3e-4)
    data = TensorDataset(torch.randn(16, 3, 32, 32), torch.randint(0, 10, (16,)))
    for img, labels in DataLoader(data, batch_size=4):
        loss = distiller(img.to(device), labels.to(device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(loss.item())
