# source: https://github.com/huggingface/pytorch-image-models/pull/2743 https://github.com/huggingface/pytorch-image-models/pull/2752
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# shape: class, helper, loader-loop
# looks-like: module-added-after-placement
# cpu: clean
# needs: torch
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class SmallConvNet(nn.Module):
    def __init__(self, num_classes=1000, num_features=64):
        super().__init__()
        self.num_features = num_features
        self.stem = nn.Sequential(nn.Conv2d(3, 32, 3, stride=2), nn.BatchNorm2d(32), nn.ReLU())
        self.stage = nn.Sequential(nn.Conv2d(32, num_features, 3, stride=2), nn.ReLU())
        self.global_pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(num_features, num_classes)

    def reset_classifier(self, num_classes):
        # the replacement head is built where the current one lives
        old = self.fc.weight
        factory = {"device": old.device, "dtype": old.dtype}
        self.fc = nn.Linear(self.num_features, num_classes, **factory) if num_classes > 0 else nn.Identity()

    def forward(self, x):
        return self.fc(self.global_pool(self.stage(self.stem(x))).flatten(1))


def train_one_epoch(model, loader, optimizer, device):
    model.train()
    for images, targets in loader:
        images, targets = images.to(device), targets.to(device)
        loss = nn.functional.cross_entropy(model(images), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SmallConvNet().to(device)
    for p in model.parameters():
        p.requires_grad = False
    model.reset_classifier(5)
    optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.01)
    data = TensorDataset(torch.randn(16, 3, 32, 32), torch.randint(0, 5, (16,)))
    print(train_one_epoch(model, DataLoader(data, batch_size=4), optimizer, device))
