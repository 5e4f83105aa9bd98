# source: https://github.com/Project-MONAI/MONAI/issues/5919
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, loader-loop, batch-dict
# bug-lines: 23, 24, 25
# needs: torch, monai
# cpu: no written where torch was not installed; not run
"""Validate a BraTS-style 3D UNet with a class-weighted generalized Dice score."""
import torch
from monai.data import DataLoader, Dataset
from monai.inferers import sliding_window_inference
from monai.networks.nets import UNet
from monai.networks.utils import one_hot
from monai.transforms import Compose, EnsureChannelFirstd, LoadImaged, ScaleIntensityd

CLASS_WEIGHTS = [0.1, 1.0, 1.5, 2.0]  # background, edema, enhancing, necrosis


def weighted_generalized_dice(pred_onehot, label_onehot, weights):
    reduce_axes = list(range(2, pred_onehot.ndim))
    inter = (pred_onehot * label_onehot).sum(dim=reduce_axes)          # B x C
    denom = (pred_onehot + label_onehot).sum(dim=reduce_axes)          # B x C
    w = torch.tensor(weights, dtype=torch.float32)                     # C
    numer = 2.0 * (inter * w).sum(dim=1)
    denom = (denom * w).sum(dim=1).clamp_min(1e-6)
    return numer / denom


def evaluate(model, loader, device, num_classes=4):
    model.eval()
    scores = []
    with torch.no_grad():
        for batch in loader:
            image = batch["image"].to(device)
            label = batch["label"].to(device)
            logits = sliding_window_inference(image, (96, 96, 96), 2, model)
            pred = one_hot(logits.argmax(dim=1, keepdim=True), num_classes)
            target = one_hot(label.long(), num_classes)
            scores.append(weighted_generalized_dice(pred, target, CLASS_WEIGHTS))
    return torch.cat(scores).mean().item()


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    files = [{"image": f"imagesVal/case_{i:03d}.nii.gz", "label": f"labelsVal/case_{i:03d}.nii.gz"}
             for i in range(8)]
    xforms = Compose([
        LoadImaged(keys=["image", "label"]),
        EnsureChannelFirstd(keys=["image", "label"]),
        ScaleIntensityd(keys="image"),
    ])
    loader = DataLoader(Dataset(files, transform=xforms), batch_size=1, num_workers=2)
    model = UNet(spatial_dims=3, in_channels=1, out_channels=4,
                 channels=(16, 32, 64, 128), strides=(2, 2, 2)).to(device)
    model.load_state_dict(torch.load("best_unet.pt", map_location=device))
    print("val weighted gDice:", evaluate(model, loader, device))


if __name__ == "__main__":
    main()
