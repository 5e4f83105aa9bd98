# source: https://github.com/asteroid-team/asteroid/issues/300
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train Conv-TasNet on 2-speaker mixtures (WHAM!-style) with a negative SI-SDR loss."""
import torch
from torch.utils.data import DataLoader, TensorDataset

from model import ConvTasNet


def neg_sisdr(est, ref, eps=1e-8):
    ref = ref - ref.mean(dim=-1, keepdim=True)
    est = est - est.mean(dim=-1, keepdim=True)
    proj = (est * ref).sum(-1, keepdim=True) * ref / (ref.pow(2).sum(-1, keepdim=True) + eps)
    noise = est - proj
    return -10 * torch.log10(proj.pow(2).sum(-1) / (noise.pow(2).sum(-1) + eps) + eps).mean()


def main():
    device = torch.device("cuda")
    mixtures = torch.randn(32, 32000)
    sources = torch.randn(32, 2, 32000)
    loader = DataLoader(TensorDataset(mixtures, sources), batch_size=4, shuffle=True)
    model = ConvTasNet(n_src=2).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(2):
        for mix, src in loader:
            mix, src = mix.to(device), src.to(device)
            est = model(mix)
            loss = neg_sisdr(est, src)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print("epoch", epoch, loss.item())


if __name__ == "__main__":
    main()
