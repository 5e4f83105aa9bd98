# source: https://github.com/NVlabs/stylegan2-ada-pytorch/issues/105
# error: RuntimeError: "slow_conv_transpose2d_out_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, class
# bug-lines: 39, 49
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torchvision.utils import save_image


class Generator(nn.Module):
    def __init__(self, nz=100, ngf=64, nc=3):
        super().__init__()

        def up(cin, cout, k=4, s=2, p=1):
            return [nn.ConvTranspose2d(cin, cout, k, s, p, bias=False), nn.BatchNorm2d(cout), nn.ReLU(True)]

        self.main = nn.Sequential(
            *up(nz, ngf * 8, 4, 1, 0),
            *up(ngf * 8, ngf * 4),
            *up(ngf * 4, ngf * 2),
            *up(ngf * 2, ngf),
            nn.ConvTranspose2d(ngf, nc, 4, 2, 1, bias=False),
            nn.Tanh(),
        )

    def forward(self, z):
        return self.main(z)


def load_generator(ckpt_path, device, nz=100):
    G = Generator(nz)
    state = torch.load(ckpt_path, map_location=device)
    G.load_state_dict(state["G_ema"])
    G = G.half()  # halves memory and doubles throughput when sampling large grids
    return G.to(device).eval()


@torch.no_grad()
def sample(G, n, nz, device, batch=64):
    dtype = next(G.parameters()).dtype
    images = []
    for start in range(0, n, batch):
        z = torch.randn(min(batch, n - start), nz, 1, 1, device=device)
        images.append(G(z.to(dtype)).float())
    return torch.cat(images)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="checkpoints/dcgan_celeba_ema.pt")
    parser.add_argument("--n", type=int, default=256)
    parser.add_argument("--out", default="samples.png")
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() and not args.cpu else "cpu")
    G = load_generator(args.ckpt, device)
    images = sample(G, args.n, 100, device)
    save_image(images, args.out, nrow=16, normalize=True, value_range=(-1, 1))
