# source: https://github.com/WhirlFirst/STEM/issues/3
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target' in call to _thnn_nll_loss_forward
# pattern: loss-target-dtype
# shape: helper, loader-loop
# looks-like: loss-target-dtype
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Distil a frozen teacher into a student with soft (probability) targets."""
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms


def soft_targets(teacher, images, temperature):
    with torch.no_grad():
        return F.softmax(teacher(images) / temperature, dim=1)


def distill_loss(student_logits, teacher_probs, labels, temperature=4.0, alpha=0.7):
    # cross_entropy accepts class probabilities (float, same shape as the logits)
    soft = F.cross_entropy(student_logits / temperature, teacher_probs) * temperature ** 2
    hard = F.cross_entropy(student_logits, labels)
    return alpha * soft + (1.0 - alpha) * hard


def main(data_root="data/imagenette/train", epochs=5, temperature=4.0):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tfm = transforms.Compose([transforms.Resize(160), transforms.CenterCrop(160),
                              transforms.ToTensor()])
    loader = DataLoader(datasets.ImageFolder(data_root, tfm), batch_size=64, shuffle=True)

    teacher = models.resnet50(num_classes=10)
    teacher.load_state_dict(torch.load("teacher_r50.pth", map_location="cpu"))
    teacher.to(device).eval()
    student = models.resnet18(num_classes=10).to(device)
    optimizer = torch.optim.AdamW(student.parameters(), lr=3e-4)

    for epoch in range(epochs):
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            probs = soft_targets(teacher, images, temperature)
            loss = distill_loss(student(images), probs, labels, temperature)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: {loss.item():.4f}")


if __name__ == "__main__":
    main()
