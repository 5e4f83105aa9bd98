# source: https://github.com/open-mmlab/mmdetection/pull/4758
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Distil a ResNet-50 teacher into a MobileNetV2 student on CIFAR-100."""
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms

from distiller import KDClassifier


def load_teacher(path, num_classes):
    teacher = models.resnet50(num_classes=num_classes)
    teacher.load_state_dict(torch.load(path, map_location="cpu"))
    return teacher


def main(epochs=30):
    tf = transforms.Compose([transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip(),
                             transforms.ToTensor()])
    train_set = datasets.CIFAR100("data", train=True, download=True, transform=tf)
    loader = DataLoader(train_set, batch_size=128, shuffle=True, num_workers=4, pin_memory=True)

    teacher = load_teacher("resnet50_cifar100.pth", 100)
    student = models.mobilenet_v2(num_classes=100)
    model = KDClassifier(student, teacher).cuda()
    optimizer = torch.optim.SGD(model.student.parameters(), lr=0.05, momentum=0.9, weight_decay=4e-5)

    for epoch in range(epochs):
        model.student.train()
        for images, labels in loader:
            images, labels = images.cuda(non_blocking=True), labels.cuda(non_blocking=True)
            loss = model(images, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        torch.save(model.student.state_dict(), f"student_epoch{epoch}.pth")


if __name__ == "__main__":
    main()
