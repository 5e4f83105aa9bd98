# source: https://github.com/pytorch/pytorch/issues/1472
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: discarded-tensor-move
# shape: helper, loader-loop, batch-dict
# looks-like: discarded-tensor-move
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Validation pass of a DataParallel classifier; modules move in place, tensors are reassigned."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms


def build_net(num_classes, ckpt_path):
    net = models.resnet34(num_classes=num_classes)
    state = torch.load(ckpt_path, map_location="cpu")
    net.load_state_dict({k.replace("module.", "", 1): v for k, v in state.items()})
    if torch.cuda.is_available():
        net.cuda()  # nn.Module.cuda() moves parameters in place
        net = nn.DataParallel(net)
    return net.eval()


def to_device(batch):
    if torch.cuda.is_available():
        batch["image"] = batch["image"].cuda(non_blocking=True)
        batch["target"] = batch["target"].cuda(non_blocking=True)
    return batch


def collate(samples):
    return {"image": torch.stack([s[0] for s in samples]), "target": torch.tensor([s[1] for s in samples])}


def main():
    tfm = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor()])
    val_set = datasets.ImageFolder("imagenette/val", transform=tfm)
    loader = DataLoader(val_set, batch_size=128, num_workers=8, pin_memory=True, collate_fn=collate)
    net = build_net(len(val_set.classes), "resnet34_imagenette.pt")
    criterion = nn.CrossEntropyLoss()
    if torch.cuda.is_available():
        criterion.cuda()

    loss_sum, correct, seen = 0.0, 0, 0
    with torch.no_grad():
        for batch in loader:
            batch = to_device(batch)
            logits = net(batch["image"])
            loss_sum += criterion(logits, batch["target"]).item() * logits.size(0)
            correct += (logits.argmax(1) == batch["target"]).sum().item()
            seen += logits.size(0)
    print(f"val loss {loss_sum / seen:.4f}  top1 {correct / seen:.4f}")


if __name__ == "__main__":
    main()
