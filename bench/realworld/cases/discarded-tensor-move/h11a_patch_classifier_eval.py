# source: https://github.com/pytorch/pytorch/issues/547
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: discarded-tensor-move
# shape: helper, loader-loop
# bug-lines: 34
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Evaluate a 1x1-conv patch classifier on a folder of grayscale tiles."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class PatchNet(nn.Module):
    def __init__(self, num_classes=6):
        super().__init__()
        self.mix = nn.Conv2d(1, 6, kernel_size=(1, 1))
        self.body = nn.Sequential(
            nn.ReLU(),
            nn.Conv2d(6, 32, 3, padding=1),
            nn.ReLU(),
            nn.AdaptiveAvgPool2d(1),
        )
        self.head = nn.Linear(32, num_classes)

    def forward(self, x):
        return self.head(self.body(self.mix(x)).flatten(1))


def predict_batch(net, images, use_cuda):
    if use_cuda:
        # copy the batch to the GPU before the forward pass
        images.cuda()
    with torch.no_grad():
        return net(images).argmax(dim=1)


def main():
    use_cuda = torch.cuda.is_available()
    tfm = transforms.Compose([transforms.Grayscale(), transforms.Resize((100, 100)), transforms.ToTensor()])
    test_set = datasets.ImageFolder("tiles/test", transform=tfm)
    loader = DataLoader(test_set, batch_size=64, shuffle=False, num_workers=4)

    net = PatchNet(num_classes=len(test_set.classes))
    net.load_state_dict(torch.load("patchnet.pt", map_location="cpu"))
    if use_cuda:
        net.cuda()
    net.eval()

    correct = total = 0
    for images, labels in loader:
        preds = predict_batch(net, images, use_cuda).cpu()
        correct += (preds == labels).sum().item()
        total += labels.numel()
    print(f"accuracy: {correct / max(total, 1):.4f}")


if __name__ == "__main__":
    main()
