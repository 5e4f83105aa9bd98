# source: https://github.com/VIDA-NYU/tile2net/issues/77
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, loader-loop
# bug-lines: 37, 46
# needs: torch, torchvision, pandas, pillow
# cpu: no written where torch was not installed; not run
import pandas as pd
import torch
import torch.nn as nn
import torchvision
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
CLASSES = ["healthy", "multiple_diseases", "rust", "scab"]
if DEVICE.type == "cpu":
    print("No GPU found, running the submission on CPU (slow)")


class TestDataset(Dataset):
    def __init__(self, image_ids, image_dir, transform):
        self.image_ids = list(image_ids)
        self.image_dir = image_dir
        self.transform = transform

    def __len__(self):
        return len(self.image_ids)

    def __getitem__(self, idx):
        image = Image.open(f"{self.image_dir}/{self.image_ids[idx]}.jpg").convert("RGB")
        return self.transform(image)


def tta_predict(model, images):
    images = images.cuda()
    views = [images, images.flip(-1), images.flip(-2), images.transpose(-1, -2)]
    probs = torch.stack([model(v).softmax(dim=1) for v in views])
    return probs.mean(dim=0)


@torch.no_grad()
def predict(model, loader, n_samples):
    model.eval()
    out = torch.zeros(n_samples, len(CLASSES), device="cuda")
    start = 0
    for images in loader:
        probs = tta_predict(model, images)
        out[start:start + probs.size(0)] = probs
        start += probs.size(0)
    return out.cpu().numpy()


def main():
    sub = pd.read_csv("input/plant-pathology-2020-fgvc7/sample_submission.csv")
    tfm = transforms.Compose([
        transforms.Resize((448, 448)),
        transforms.ToTensor(),
        transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ])
    loader = DataLoader(TestDataset(sub["image_id"], "input/plant-pathology-2020-fgvc7/images", tfm),
                        batch_size=16, shuffle=False, num_workers=2)
    model = torchvision.models.resnet50(weights=None)
    model.fc = nn.Linear(model.fc.in_features, len(CLASSES))
    model.load_state_dict(torch.load("input/pp2020-weights/resnet50_fold0.pth", map_location=DEVICE))
    model.to(DEVICE)

    sub[CLASSES] = predict(model, loader, len(sub))
    sub.to_csv("submission.csv", index=False)


if __name__ == "__main__":
    main()
