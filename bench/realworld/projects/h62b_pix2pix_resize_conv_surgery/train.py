# source: https://github.com/mosaicml/composer/pull/1290
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-added-after-placement
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 22
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch import nn

from networks import PatchDiscriminator, ResnetGenerator
from surgery import replace_transposed_convs


def main(opt, train_loader):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    netG = ResnetGenerator(ngf=opt.ngf).to(device)
    netD = PatchDiscriminator().to(device)
    if opt.resize_conv:
        n = replace_transposed_convs(netG)
        print(f"replaced {n} transposed convolutions")

    opt_G = torch.optim.Adam(netG.parameters(), lr=opt.lr, betas=(0.5, 0.999))
    opt_D = torch.optim.Adam(netD.parameters(), lr=opt.lr, betas=(0.5, 0.999))
    gan_loss = nn.MSELoss()
    l1_loss = nn.L1Loss()

    for epoch in range(opt.epochs):
        for batch in train_loader:
            real_A = batch["A"].to(device)
            real_B = batch["B"].to(device)
            fake_B = netG(real_A)

            opt_D.zero_grad()
            pred_fake = netD(torch.cat([real_A, fake_B.detach()], 1))
            pred_real = netD(torch.cat([real_A, real_B], 1))
            loss_D = 0.5 * (gan_loss(pred_fake, torch.zeros_like(pred_fake)) +
                            gan_loss(pred_real, torch.ones_like(pred_real)))
            loss_D.backward()
            opt_D.step()

            opt_G.zero_grad()
            pred_fake = netD(torch.cat([real_A, fake_B], 1))
            loss_G = gan_loss(pred_fake, torch.ones_like(pred_fake)) + opt.lambda_l1 * l1_loss(fake_B, real_B)
            loss_G.backward()
            opt_G.step()
        print(f"epoch {epoch}: G {loss_G.item():.4f} D {loss_D.item():.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--ngf", type=int, default=64)
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--lambda_l1", type=float, default=100.0)
    parser.add_argument("--resize_conv", action="store_true")
    parser.add_argument("--data", default="facades_train.pt")
    opt = parser.parse_args()
    loader = torch.utils.data.DataLoader(torch.load(opt.data), batch_size=1, shuffle=True)
    main(opt, loader)
