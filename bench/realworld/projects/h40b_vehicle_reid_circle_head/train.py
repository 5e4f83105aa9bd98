# source: https://github.com/Xiangyu-CAS/AICity2020-VOC-ReID/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: module-not-placed
# shape: multi-file, loader-loop, helper
# bug-lines: 31, 45
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Vehicle ReID training with triplet + circle-loss head."""
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from circle_loss import CircleHead
from model import Baseline


def triplet_loss(feat, pids, margin=0.3):
    dist = torch.cdist(feat, feat)
    same = pids.unsqueeze(0) == pids.unsqueeze(1)
    hardest_pos = (dist * same).max(dim=1).values
    hardest_neg = (dist + same * 1e4).min(dim=1).values
    return F.relu(hardest_pos - hardest_neg + margin).mean()


def do_train(model, head, loader, optimizer, device, epochs=60):
    for epoch in range(epochs):
        for imgs, pids in loader:
            imgs, pids = imgs.to(device), pids.to(device)
            global_feat, bn_feat = model(imgs)
            loss = triplet_loss(global_feat, pids) + head(bn_feat, pids)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


def main():
    device = torch.device("cuda")
    tfm = transforms.Compose([transforms.Resize((256, 256)), transforms.ToTensor()])
    train_set = datasets.ImageFolder("data/VeRi/image_train_by_id", tfm)
    loader = DataLoader(train_set, batch_size=64, shuffle=True, num_workers=8, drop_last=True)
    model = Baseline()
    model.cuda()
    head = CircleHead(Baseline.in_planes, len(train_set.classes))
    params = list(model.parameters()) + list(head.parameters())
    optimizer = torch.optim.Adam(params, lr=3.5e-4, weight_decay=5e-4)
    do_train(model, head, loader, optimizer, device)


if __name__ == "__main__":
    main()
