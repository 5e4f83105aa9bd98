import timm
import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(16, 4)

    def forward(self, x):
        return self.fc(x)


def evaluate(loader):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = Net()  # expect: TL211:13 lines=20,21
    for x, _ in loader:
        x = x.to(device)
        print(model(x).argmax(-1))


class DistillWrapper(nn.Module):
    # Its parts come in placed; its own token and head are made here, on the CPU.
    def __init__(self, teacher, student, dim=16):
        super().__init__()
        self.teacher, self.student = teacher, student
        self.token = nn.Parameter(torch.randn(1, dim))
        self.head = nn.Linear(dim, 4)

    def forward(self, x):
        return self.head(self.student(x) + self.token) + self.teacher(x)


def distill(data, device):
    teacher = Net().to(device)
    student = nn.Linear(16, 16).to(device)
    distiller = DistillWrapper(teacher, student)  # expect: TL211:17 lines=41,41
    for x in DataLoader(data, batch_size=8):
        loss = distiller(x.to(device)).sum()
        loss.backward()


def predict(images):
    model = timm.create_model("resnet18", pretrained=True)  # expect: TL211:13 lines=48,48
    model.eval()
    return model(images.cuda())
