# source: https://github.com/SoftwareGift/FeatherNets_Face-Anti-spoofing-Attack-Detection-Challenge-CVPR2019/issues/66
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, multi-file
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""python h65b_main.py --arch mobilenet_v2_spoof --val-dir data/casia_surf/val --cpu"""
import argparse

import torch
from torchvision import datasets, transforms

import h65b_net_factory as net_factory


def validate(model, loader, device):
    model.eval()
    tp = tn = fp = fn = 0
    with torch.no_grad():
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            preds = model(images).argmax(dim=1)
            tp += ((preds == 1) & (labels == 1)).sum().item()
            tn += ((preds == 0) & (labels == 0)).sum().item()
            fp += ((preds == 1) & (labels == 0)).sum().item()
            fn += ((preds == 0) & (labels == 1)).sum().item()
    apcer = fp / max(fp + tn, 1)
    bpcer = fn / max(fn + tp, 1)
    return apcer, bpcer, (apcer + bpcer) / 2


def main():
    parser = argparse.ArgumentParser(description="Face anti-spoofing evaluation")
    parser.add_argument("--arch", default="mobilenet_v2_spoof")
    parser.add_argument("--val-dir", default="data/casia_surf/val")
    parser.add_argument("--cpu", action="store_true")
    parser.add_argument("-b", "--batch-size", type=int, default=64)
    args = parser.parse_args()

    use_cuda = torch.cuda.is_available() and not args.cpu
    device = torch.device("cuda" if use_cuda else "cpu")
    model = net_factory.__dict__[args.arch](pretrained=True)
    model = model.to(device)
    if use_cuda and torch.cuda.device_count() > 1:
        model = torch.nn.DataParallel(model)

    tf = transforms.Compose([transforms.Resize((224, 224)), transforms.ToTensor(),
                             transforms.Normalize([0.5] * 3, [0.5] * 3)])
    loader = torch.utils.data.DataLoader(datasets.ImageFolder(args.val_dir, tf),
                                         batch_size=args.batch_size, num_workers=4)
    apcer, bpcer, acer = validate(model, loader, device)
    print(f"APCER {apcer:.4f}  BPCER {bpcer:.4f}  ACER {acer:.4f}")


if __name__ == "__main__":
    main()
