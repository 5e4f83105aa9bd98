# source: https://github.com/WongKinYiu/yolor/issues/113
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop, multi-file
# bug-lines: 32
# cpu: clean
# needs: torch, numpy
import torch
from torch.utils.data import DataLoader, TensorDataset

from model import TinyDetector, non_max_suppression
from plots import output_to_target, summarize_targets


def select_device(name=""):
    if name != "cpu" and torch.cuda.is_available():
        return torch.device("cuda:0")
    return torch.device("cpu")


@torch.no_grad()
def test(model, loader, device, img_size, names=None, plots=True):
    model.eval()
    seen, kept = 0, 0
    for batch_i, (img, _) in enumerate(loader):
        img = img.to(device, non_blocking=True).float() / 255.0
        out = model(img)
        output = non_max_suppression(out, conf_thres=0.2)
        seen += img.shape[0]
        kept += sum(0 if o is None else o.shape[0] for o in output)
        if plots and batch_i < 2:
            summarize_targets(output_to_target(output, img_size, img_size), names)
    return seen, kept


if __name__ == "__main__":
    device = select_device()
    images = torch.randint(0, 256, (12, 3, 64, 64), dtype=torch.uint8)
    labels = torch.zeros(12, dtype=torch.long)
    loader = DataLoader(TensorDataset(images, labels), batch_size=4)
    model = TinyDetector(num_classes=3, img_size=64).to(device)
    print(test(model, loader, device, 64, names=["car", "bus", "bike"]))
