# source: https://github.com/open-mmlab/mmdetection/pull/10078
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, loader-loop, batch-dict
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Train the LAD student; the whole model is moved to the accelerator in one call."""
import torch
from torch.utils.data import DataLoader, Dataset

from distiller import LADStudent


class CocoLikeImages(Dataset):
    def __len__(self):
        return 512

    def __getitem__(self, idx):
        return {"img": torch.rand(3, 512, 512), "img_id": idx}


def main():
    device = torch.device("cuda")
    model = LADStudent(teacher_ckpt="checkpoints/teacher_r50.pth").to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loader = DataLoader(CocoLikeImages(), batch_size=8, shuffle=True, num_workers=4)
    model.train()
    for it, batch in enumerate(loader):
        losses = model(batch["img"].to(device))
        loss = sum(losses.values())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if it % 20 == 0:
            print(it, {k: round(v.item(), 4) for k, v in losses.items()})


if __name__ == "__main__":
    main()
