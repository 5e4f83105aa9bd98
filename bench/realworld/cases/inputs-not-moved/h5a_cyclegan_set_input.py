# source: https://github.com/eveningglow/multitask-CycleGAN/issues/3
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: class, batch-dict, loader-loop
# bug-lines: 35, 36, 40
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


def conv_block(c_in, c_out):
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1), nn.InstanceNorm2d(c_out), nn.ReLU())


class FacePairs(Dataset):
    def __len__(self):
        return 32

    def __getitem__(self, idx):
        return {"male": torch.rand(3, 64, 64), "female": torch.rand(3, 64, 64), "label": idx % 2}


class MultitaskCycleGAN:
    def __init__(self, device):
        self.device = device
        self.G_m2f = nn.Sequential(conv_block(3, 16), nn.Conv2d(16, 3, 1)).to(device)
        self.G_f2m = nn.Sequential(conv_block(3, 16), nn.Conv2d(16, 3, 1)).to(device)
        params = list(self.G_m2f.parameters()) + list(self.G_f2m.parameters())
        self.opt_G = torch.optim.Adam(params, lr=2e-4, betas=(0.5, 0.999))
        self.l1 = nn.L1Loss()

    def set_input(self, batch):
        self.real_m = batch["male"]
        self.real_f = batch["female"]
        self.label = batch["label"].to(self.device)

    def forward(self):
        self.fake_f = self.G_m2f(self.real_m)
        self.rec_m = self.G_f2m(self.fake_f)
        self.fake_m = self.G_f2m(self.real_f)

    def optimize_parameters(self):
        self.forward()
        loss = self.l1(self.rec_m, self.real_m) + 0.5 * self.l1(self.fake_m, self.real_f)
        self.opt_G.zero_grad()
        loss.backward()
        self.opt_G.step()
        return loss.item()


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = MultitaskCycleGAN(dev)
    for batch in DataLoader(FacePairs(), batch_size=4):
        model.set_input(batch)
        print(model.optimize_parameters())
