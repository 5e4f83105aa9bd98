# MONAI validation: the class weights follow the masks' device. In the second loop the
# stitched output is asked for on the CPU (device="cpu"), where the masks stay: the
# weights made there meet tensors on the CPU.
import torch
from monai.inferers import sliding_window_inference
from monai.networks.nets import UNet
from monai.networks.utils import one_hot


def weighted_dice(pred, target, weights):
    axes = tuple(range(2, pred.ndim))
    inter = (pred * target).sum(dim=axes)
    total = (pred + target).sum(dim=axes)
    w = torch.tensor(weights, device=pred.device)
    return (2 * (inter * w).sum(1) / (total * w).sum(1).clamp_min(1e-6)).mean()


def cpu_weighted_dice(pred, target, weights):
    inter = (pred * target).sum(dim=(2, 3, 4))
    total = (pred + target).sum(dim=(2, 3, 4))
    w = torch.tensor(weights)
    return (2 * (inter * w).sum(1) / (total * w).sum(1).clamp_min(1e-6)).mean()


def validate(net, loader, device):
    scores = []
    with torch.no_grad():
        for batch in loader:
            volume, mask = batch["image"].to(device), batch["label"].to(device)
            logits = sliding_window_inference(volume, (64, 64, 64), 4, net)
            pred = one_hot(logits.argmax(dim=1, keepdim=True), 3)
            scores.append(weighted_dice(pred, one_hot(mask.long(), 3), [0.2, 1.0, 2.0]))
        for batch in loader:
            volume, mask = batch["image"].to(device), batch["label"]
            logits = sliding_window_inference(volume, (64, 64, 64), 4, net, device="cpu")
            pred = one_hot(logits.argmax(dim=1, keepdim=True), 3)
            scores.append(cpu_weighted_dice(pred, one_hot(mask.long(), 3), [0.2, 1.0, 2.0]))
    return torch.stack(scores).mean()


def main(loader):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = UNet(spatial_dims=3, in_channels=1, out_channels=3, channels=(8, 16, 32), strides=(2, 2)).to(device)
    print(validate(net, loader, device))
