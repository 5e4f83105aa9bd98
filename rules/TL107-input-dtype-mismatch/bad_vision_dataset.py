# torchvision's ImageFolder with a ToTensor transform gives float32 images; the
# network was cast to float16 and is fed them as the loader gives them.
import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

device = torch.device("cuda")
net = nn.Sequential(nn.Conv2d(3, 16, 3), nn.ReLU(), nn.Flatten(), nn.LazyLinear(5))
net = net.to(device).half()
preprocess = transforms.Compose([transforms.Resize((64, 64)), transforms.ToTensor()])
flowers = datasets.ImageFolder("data/flowers/val", transform=preprocess)  # expect: TL107:11 lines=15,10
for pixels, label in DataLoader(flowers, batch_size=16):
    pixels = pixels.to(device)
    print((net(pixels).argmax(1) == label.to(device)).float().mean())
