# source: https://github.com/DeepWok/mase/issues/46
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, loader-loop
# looks-like: torch-load-map-location
# needs: torch, timm, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import timm
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def load_dino_backbone(arch, ckpt_path, checkpoint_key="teacher"):
    model = timm.create_model(arch, pretrained=False, num_classes=0)
    state = torch.load(ckpt_path, map_location="cpu")
    if checkpoint_key in state:
        state = state[checkpoint_key]
    state = {k.replace("module.", "").replace("backbone.", ""): v for k, v in state.items()}
    msg = model.load_state_dict(state, strict=False)
    print(f"loaded {ckpt_path} with {msg}")
    return model


@torch.no_grad()
def extract(model, loader, device):
    feats, labels = [], []
    for images, targets in loader:
        feats.append(F.normalize(model(images.to(device)), dim=1))
        labels.append(targets.to(device))
    return torch.cat(feats), torch.cat(labels)


@torch.no_grad()
def knn_accuracy(train_f, train_y, test_f, test_y, k=20, t=0.07):
    sim = test_f @ train_f.t()
    top_sim, top_idx = sim.topk(k, dim=1)
    votes = torch.zeros(test_f.shape[0], int(train_y.max()) + 1, device=test_f.device)
    votes.scatter_add_(1, train_y[top_idx], (top_sim / t).exp())
    return (votes.argmax(1) == test_y).float().mean().item()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="checkpoint.pth")
    parser.add_argument("--data", default="imagenette2")
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    backbone = load_dino_backbone("vit_small_patch16_224", args.ckpt).to(device).eval()
    tf = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                             transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])
    train_loader = DataLoader(datasets.ImageFolder(f"{args.data}/train", tf), batch_size=128, num_workers=8)
    val_loader = DataLoader(datasets.ImageFolder(f"{args.data}/val", tf), batch_size=128, num_workers=8)
    train_f, train_y = extract(backbone, train_loader, device)
    val_f, val_y = extract(backbone, val_loader, device)
    print(f"20-NN top-1: {knn_accuracy(train_f, train_y, val_f, val_y):.4f}")
