# source: https://github.com/facebookresearch/d2go/pull/430
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: multi-file, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torchvision
from torch.utils.data import DataLoader
from torchvision import transforms

from distiller import DistillModel

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

tf = transforms.Compose([transforms.RandomResizedCrop(224), transforms.ToTensor()])
train_set = torchvision.datasets.ImageFolder("data/train", transform=tf)
loader = DataLoader(train_set, batch_size=64, shuffle=True, num_workers=8, drop_last=True)

teacher = torchvision.models.resnet50(weights="IMAGENET1K_V2")
student = torchvision.models.resnet18(num_classes=1000)
pairs = [("layer3", "layer3", 256, 1024), ("layer4", "layer4", 512, 2048)]
model = DistillModel(student, teacher, pairs).to(device)

optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)

for epoch in range(90):
    model.train()
    model.teacher.eval()
    for step, (images, labels) in enumerate(loader):
        images, labels = images.to(device), labels.to(device)
        losses = model(images, labels)
        total = sum(losses.values())
        optimizer.zero_grad()
        total.backward()
        optimizer.step()
        if step % 100 == 0:
            print(epoch, step, {k: round(v.item(), 4) for k, v in losses.items()})
