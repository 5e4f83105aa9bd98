# MONAI validation: sliding_window_inference runs the network on windows of the
# volume and stitches its output where the volume is (the GPU). The helper's class
# weights are made on the CPU and meet the one-hot masks there.
import torch
from monai.inferers import sliding_window_inference
from monai.networks.nets import UNet
from monai.networks.utils import one_hot


def weighted_dice(pred, target, weights):
    axes = tuple(range(2, pred.ndim))
    inter = (pred * target).sum(dim=axes)
    total = (pred + target).sum(dim=axes)
    w = torch.tensor(weights)  # expect: TL204:9 lines=31,15
    return (2 * (inter * w).sum(1) / (total * w).sum(1).clamp_min(1e-6)).mean()


def validate(net, loader, device):
    scores = []
    with torch.no_grad():
        for batch in loader:
            volume, mask = batch["image"].to(device), batch["label"].to(device)
            logits = sliding_window_inference(volume, (64, 64, 64), 4, net)
            pred = one_hot(logits.argmax(dim=1, keepdim=True), 3)
            scores.append(weighted_dice(pred, one_hot(mask.long(), 3), [0.2, 1.0, 2.0]))
    return torch.stack(scores).mean()


def main(loader):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = UNet(spatial_dims=3, in_channels=1, out_channels=3, channels=(8, 16, 32), strides=(2, 2)).to(device)
    print(validate(net, loader, device))
