# source: https://github.com/open-mmlab/mmrazor/issues/190
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: partial-dtype-cast
# shape: multi-file, helper, loader-loop
# bug-lines: 16, 17
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Pure-fp16 distillation run: student and teacher are converted to half precision."""
import torch
from torch.utils.data import DataLoader, TensorDataset

from distiller import FeatureDistiller


def convert_to_fp16(distiller):
    distiller.student.half()
    distiller.teacher.half()
    return distiller


def main():
    device = torch.device("cuda")
    distiller = FeatureDistiller(align=True).to(device)
    distiller = convert_to_fp16(distiller)
    params = [p for p in distiller.parameters() if p.requires_grad]
    optimizer = torch.optim.SGD(params, lr=0.01, momentum=0.9)
    images = TensorDataset(torch.rand(64, 3, 512, 512))
    for epoch in range(2):
        for (img,) in DataLoader(images, batch_size=8, shuffle=True):
            loss = distiller(img.to(device).half())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print("epoch", epoch, "distill loss", loss.item())


if __name__ == "__main__":
    main()
