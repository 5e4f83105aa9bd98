# source: https://github.com/MouseLand/cellpose/issues/1254 https://github.com/MouseLand/cellpose/issues/1327
# error: RuntimeError: Input type (float) and bias type (c10::BFloat16) should be the same
# pattern: input-dtype-mismatch
# shape: helper, loader-loop
# bug-lines: 46, 47
# cpu: raises "Input type (float) and bias type (c10::BFloat16)"
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class SegNet(nn.Module):
    def __init__(self, nchan=2, nout=3, dtype=torch.bfloat16):
        super().__init__()
        self.patch_embed = nn.Conv2d(nchan, 16, 3, padding=1)
        self.head = nn.Conv2d(16, nout, 1)
        self.dtype = dtype

    def forward(self, x):
        return self.head(torch.relu(self.patch_embed(x)))


def _to_net(net, imgs, device):
    # the training path converts to whatever precision the net was built in
    return imgs.to(device=device, dtype=net.dtype)


def train_epoch(net, loader, opt, device):
    net.train()
    for imgs, lbl in loader:
        X = _to_net(net, imgs, device)
        y = net(X)
        loss = ((y.float() - lbl.to(device)) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()


@torch.no_grad()
def eval_epoch(net, loader, device):
    net.eval()
    total = 0.0
    for imgs, lbl in loader:
        # --test_dir path: images go straight to the device, still float32
        X = imgs.to(device)
        y = net(X)
        total += ((y.float() - lbl.to(device)) ** 2).mean().item()
    return total / len(loader)


def train_seg(net, train_data, test_data, n_epochs=1, device="cpu"):
    net = net.to(device=device, dtype=torch.bfloat16)
    opt = torch.optim.AdamW(net.parameters(), lr=1e-4)
    for epoch in range(n_epochs):
        train_epoch(net, DataLoader(train_data, batch_size=2), opt, device)
        if test_data is not None:
            print("val loss", eval_epoch(net, DataLoader(test_data, batch_size=2), device))


if __name__ == "__main__":
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    mk = lambda n: TensorDataset(torch.rand(n, 2, 32, 32), torch.rand(n, 3, 32, 32))
    train_seg(SegNet(), mk(4), mk(2), device=dev)
