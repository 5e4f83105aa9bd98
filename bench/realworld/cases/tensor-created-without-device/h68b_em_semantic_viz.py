# source: https://github.com/PytorchConnectomics/pytorch_connectomics/pull/129
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: class, loader-loop
# bug-lines: 23, 28
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Train a small EM mitochondria/synapse segmenter and log colourised previews."""
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.utils as vutils
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.tensorboard import SummaryWriter


class SemanticPreview:
    """Turns per-class logits into RGB slices for TensorBoard."""

    def __init__(self, num_classes, n_slices=4):
        self.n_slices = n_slices
        gen = torch.Generator().manual_seed(7)
        self.colors = torch.rand(num_classes, 3, generator=gen)
        self.colors[0] = 0.0  # background stays black

    def to_rgb(self, logits):
        labels = torch.argmax(logits, dim=1)          # B x H x W, on the GPU
        rgb = self.colors[labels]                     # B x H x W x 3
        return rgb.permute(0, 3, 1, 2)

    def log(self, writer, em_slices, logits, step):
        raw = em_slices[: self.n_slices].detach().cpu().repeat(1, 3, 1, 1)
        pred = self.to_rgb(logits[: self.n_slices].detach()).cpu()
        grid = vutils.make_grid(torch.cat([raw, pred], 0), nrow=self.n_slices, normalize=True)
        writer.add_image("em/semantic", grid, step)


def build_net(num_classes):
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(),
        nn.Conv2d(16, 16, 3, padding=1), nn.ReLU(),
        nn.Conv2d(16, num_classes, 1),
    )


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    num_classes = 3  # background, mitochondria, synapse
    volumes = torch.rand(32, 1, 128, 128)
    masks = torch.randint(0, num_classes, (32, 128, 128))
    loader = DataLoader(TensorDataset(volumes, masks), batch_size=8, shuffle=True)

    net = build_net(num_classes).to(device)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    preview = SemanticPreview(num_classes)
    writer = SummaryWriter("runs/em_seg")

    step = 0
    for epoch in range(2):
        for em, mask in loader:
            em, mask = em.to(device), mask.to(device)
            logits = net(em)
            loss = F.cross_entropy(logits, mask)
            opt.zero_grad()
            loss.backward()
            opt.step()
            if step % 10 == 0:
                preview.log(writer, em, logits, step)
            step += 1
    writer.close()


if __name__ == "__main__":
    main()
