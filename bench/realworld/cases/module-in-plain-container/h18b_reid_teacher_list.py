# source: https://github.com/JDAI-CV/fast-reid/issues/690
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class, helper, batch-dict, loader-loop
# bug-lines: 39, 42, 50
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F


class ReIDNet(nn.Module):
    def __init__(self, width=64, feat_dim=256, num_ids=751):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, width, 3, stride=2, padding=1), nn.BatchNorm2d(width), nn.ReLU(),
            nn.Conv2d(width, width, 3, stride=2, padding=1), nn.BatchNorm2d(width), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(width, feat_dim))
        self.heads = nn.Linear(feat_dim, num_ids)


def load_teacher(width, path=None):
    model_t = ReIDNet(width=width)
    if path is not None:
        model_t.load_state_dict(torch.load(path, map_location="cpu"))
    for p in model_t.parameters():
        p.requires_grad_(False)
    return model_t.eval()


class Distiller(nn.Module):
    def __init__(self, student, teacher_widths, teacher_paths=(), temp=4.0):
        super().__init__()
        self.student = student
        self.temp = temp
        # frozen teachers: keep them out of the optimizer and the checkpoint
        self.model_ts = []
        for i, width in enumerate(teacher_widths):
            path = teacher_paths[i] if i < len(teacher_paths) else None
            self.model_ts.append(load_teacher(width, path))

    def forward(self, batched_inputs):
        images, targets = batched_inputs["images"], batched_inputs["targets"]
        s_logits = self.student.heads(self.student.backbone(images))
        loss = F.cross_entropy(s_logits, targets)
        for model_t in self.model_ts:
            with torch.no_grad():
                t_logits = model_t.heads(model_t.backbone(images))
            loss = loss + F.kl_div(F.log_softmax(s_logits / self.temp, 1),
                                   F.softmax(t_logits / self.temp, 1),
                                   reduction="batchmean") * self.temp ** 2
        return loss


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = Distiller(ReIDNet(width=64), teacher_widths=[128, 256]).to(device)
    optimizer = torch.optim.SGD(model.student.parameters(), lr=0.01, momentum=0.9)
    loader = [{"images": torch.randn(16, 3, 256, 128), "targets": torch.randint(0, 751, (16,))}
              for _ in range(20)]
    for it, batch in enumerate(loader):
        batch = {k: v.to(device) for k, v in batch.items()}
        loss = model(batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if it % 5 == 0:
            print(f"iter {it}: loss {loss.item():.4f}")
