# A checkpoint resumed in a training script that builds its DataLoader afterwards:
# the settings it restores (`args.start_epoch`) reach the loader, the checkpoint's
# tensors do not. It is a checkpoint, saved from a GPU.
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def main(args, model, optimizer):
    if args.resume:
        checkpoint = torch.load(args.resume)  # expect: TL502:22
        args.start_epoch = checkpoint["epoch"]
        model.load_state_dict(checkpoint["state_dict"])
        optimizer.load_state_dict(checkpoint["optimizer"])
    train_dir = f"{args.data}/train"
    dataset = datasets.ImageFolder(train_dir, transforms.ToTensor())
    return DataLoader(dataset, batch_size=args.batch_size, shuffle=True)
