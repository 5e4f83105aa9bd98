# source: https://github.com/open-mmlab/mmdetection/issues/5055
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# looks-like: module-not-placed
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from model import DistillModel, build_backbone

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
NUM_CLASSES = 5
EPOCHS = 12
TFM = transforms.Compose([
    transforms.RandomResizedCrop(256, scale=(0.7, 1.0)),
    transforms.RandomHorizontalFlip(),
    transforms.ToTensor(),
    transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
])


def load_teacher(path):
    teacher = build_backbone("resnet50", NUM_CLASSES)
    teacher.load_state_dict(torch.load(path, map_location="cpu"))
    return teacher


def main():
    train_ds = datasets.ImageFolder("input/leaf-folds/fold0/train", transform=TFM)
    loader = DataLoader(train_ds, batch_size=32, shuffle=True, num_workers=4, drop_last=True)

    teacher = load_teacher("weights/teacher_resnet50_fold0.pth")
    student = build_backbone("resnet18", NUM_CLASSES)
    model = DistillModel(student, teacher, temperature=4.0, alpha=0.7).to(DEVICE)

    optimizer = torch.optim.AdamW(model.student.parameters(), lr=3e-4, weight_decay=1e-4)
    for epoch in range(EPOCHS):
        model.train()
        total = 0.0
        for images, labels in loader:
            images, labels = images.to(DEVICE), labels.to(DEVICE)
            optimizer.zero_grad(set_to_none=True)
            _, loss = model(images, labels)
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch}: distill loss {total / len(loader):.4f}")
        torch.save(model.student.state_dict(), f"student_kd_epoch{epoch}.pth")


if __name__ == "__main__":
    main()
