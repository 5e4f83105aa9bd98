# source: https://github.com/open-mmlab/mmdetection/issues/8081
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, Dataset

from distill import DistillDetector
from models import SlimmableDetectorBackbone, load_teacher


class DenseLabelSet(Dataset):
    def __init__(self, n=128, size=256, num_classes=20):
        self.n, self.size, self.num_classes = n, size, num_classes

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        img = torch.rand(3, self.size, self.size)
        label = torch.randint(0, self.num_classes, (self.size // 16, self.size // 16))
        return {"img": img, "gt_labels": label}


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    teacher = load_teacher(path=None)
    student = SlimmableDetectorBackbone(width=0.5)
    model = DistillDetector(student, teacher, temperature=2.0).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    loader = DataLoader(DenseLabelSet(), batch_size=16, shuffle=True, num_workers=2)

    for epoch in range(5):
        model.train()
        for batch in loader:
            images = batch["img"].to(device, non_blocking=True)
            labels = batch["gt_labels"].to(device, non_blocking=True)
            loss = model(images, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: kd loss {loss.item():.4f}")
        torch.save(model.student.state_dict(), f"work_dirs/student_epoch_{epoch}.pth")


if __name__ == "__main__":
    main()
