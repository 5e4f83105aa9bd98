# source: https://github.com/torchgan/torchgan/pull/141
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class
# bug-lines: 48
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.nn as nn
from torchvision import datasets, transforms


class GANTrainer:
    def __init__(self, generator, discriminator, ckpt_dir="checkpoints", device=None, lr=2e-4):
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.generator = generator.to(self.device)
        self.discriminator = discriminator.to(self.device)
        self.opt_g = torch.optim.Adam(self.generator.parameters(), lr=lr, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.discriminator.parameters(), lr=lr, betas=(0.5, 0.999))
        self.ckpt_dir = ckpt_dir
        self.start_epoch = 0
        self.history = {"g": [], "d": []}
        os.makedirs(ckpt_dir, exist_ok=True)

    def _ckpt_path(self, tag):
        return os.path.join(self.ckpt_dir, f"{tag}.model")

    def save_model(self, epoch, tag="last"):
        state = {
            "epoch": epoch + 1,
            "history": self.history,
            "generator": self.generator.state_dict(),
            "discriminator": self.discriminator.state_dict(),
            "opt_g": self.opt_g.state_dict(),
            "opt_d": self.opt_d.state_dict(),
        }
        torch.save(state, self._ckpt_path(tag))

    def load_model(self, tag="last"):
        path = self._ckpt_path(tag)
        if not os.path.exists(path):
            print(f"no checkpoint at {path}, training from scratch")
            return
        print(f"Loading model from '{path}'")
        try:
            checkpoint = torch.load(path)
            self.start_epoch = checkpoint["epoch"]
            self.history = checkpoint["history"]
            for name in ("generator", "discriminator", "opt_g", "opt_d"):
                getattr(self, name).load_state_dict(checkpoint[name])
        except Exception as exc:
            raise RuntimeError(f"Model could not be loaded from {path}") from exc

    def train(self, loader, epochs, nz=100):
        bce = nn.BCEWithLogitsLoss()
        for epoch in range(self.start_epoch, epochs):
            for real, _ in loader:
                real = real.to(self.device)
                noise = torch.randn(real.size(0), nz, 1, 1, device=self.device)
                fake = self.generator(noise)
                d_real, d_fake = self.discriminator(real), self.discriminator(fake.detach())
                loss_d = bce(d_real, torch.ones_like(d_real)) + bce(d_fake, torch.zeros_like(d_fake))
                self.opt_d.zero_grad(); loss_d.backward(); self.opt_d.step()
                g_out = self.discriminator(fake)
                loss_g = bce(g_out, torch.ones_like(g_out))
                self.opt_g.zero_grad(); loss_g.backward(); self.opt_g.step()
                self.history["g"].append(loss_g.item()); self.history["d"].append(loss_d.item())
            self.save_model(epoch)


if __name__ == "__main__":
    from dcgan_models import DCGANGenerator, DCGANDiscriminator
    tfm = transforms.Compose([transforms.Resize(64), transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
    data = datasets.MNIST("data", train=True, download=True, transform=tfm)
    loader = torch.utils.data.DataLoader(data, batch_size=128, shuffle=True)
    trainer = GANTrainer(DCGANGenerator(), DCGANDiscriminator())
    trainer.load_model()
    trainer.train(loader, epochs=20)
