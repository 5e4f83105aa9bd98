# The images are cast to the network's dtype where they are moved; without a
# ToTensor the dataset's items are not known to be tensors at all.
import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

device = torch.device("cuda")
net = nn.Sequential(nn.Conv2d(3, 16, 3), nn.ReLU(), nn.Flatten(), nn.LazyLinear(5))
net = net.to(device).half()
preprocess = transforms.Compose([transforms.Resize((64, 64)), transforms.ToTensor()])
flowers = datasets.ImageFolder("data/flowers/val", transform=preprocess)
for pixels, label in DataLoader(flowers, batch_size=16):
    pixels = pixels.to(device, dtype=torch.float16)
    print((net(pixels).argmax(1) == label.to(device)).float().mean())
