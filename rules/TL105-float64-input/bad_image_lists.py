# A detection model takes a list of images. Normalising with numpy's float64 mean
# and std makes every image float64; the list hands them to the float32 backbone.
import numpy as np
import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision.models.detection import fasterrcnn_resnet50_fpn

MEAN = np.array([0.485, 0.456, 0.406])
STD = np.array([0.229, 0.224, 0.225])


class Shelves(Dataset):
    def __init__(self, paths, boxes):
        self.paths, self.boxes = paths, boxes

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        pixels = np.asarray(Image.open(self.paths[i]).convert("RGB")) / 255.0
        image = torch.from_numpy(((pixels - MEAN) / STD).transpose(2, 0, 1).copy())  # expect: TL105:17 lines=31
        target = {"boxes": torch.as_tensor(self.boxes[i], dtype=torch.float32)}
        return image, target


def fit(model, loader, device):
    for images, targets in loader:
        images = [image.to(device) for image in images]
        targets = [{k: v.to(device) for k, v in t.items()} for t in targets]
        losses = model(images, targets)
        sum(losses.values()).backward()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = fasterrcnn_resnet50_fpn(num_classes=3).to(device)
    data = Shelves(["a.jpg"], [[[0.0, 0.0, 10.0, 10.0]]])
    fit(model, DataLoader(data, batch_size=2, collate_fn=lambda b: tuple(zip(*b))), device)
