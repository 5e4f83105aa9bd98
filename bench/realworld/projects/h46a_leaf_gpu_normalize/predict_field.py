# source: https://github.com/pytorch/vision/pull/787
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, TensorDataset

from gpu_transforms import center_crop, normalize, to_float_image
from leaf_model import DISEASES, TomatoLeafNet


@torch.no_grad()
def predict(model, loader, device):
    model.eval()
    counts = torch.zeros(len(DISEASES), dtype=torch.long, device=device)
    for (frames,) in loader:
        frames = frames.to(device, non_blocking=True)
        images = normalize(center_crop(to_float_image(frames)))
        preds = model(images).argmax(dim=1)
        counts += torch.bincount(preds, minlength=len(DISEASES))
    return dict(zip(DISEASES, counts.cpu().tolist()))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TomatoLeafNet().to(device)
    frames = torch.randint(0, 256, (96, 256, 256, 3), dtype=torch.uint8)
    loader = DataLoader(TensorDataset(frames), batch_size=16, pin_memory=True)
    print(predict(model, loader, device))
