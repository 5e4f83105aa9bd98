# source: https://github.com/THUDM/CogKit/issues/43
# error: RuntimeError: Input type (CUDABFloat16Type) and weight type (CPUBFloat16Type) should be the same
# pattern: module-cast-not-placed
# shape: class, helper, loader-loop
# bug-lines: 33
# cpu: clean
# needs: torch
from types import SimpleNamespace

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class TinyVAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.SiLU(),
                                     nn.Conv2d(8, 4, 3, stride=2, padding=1))

    def encode(self, x):
        return self.encoder(x)


class LoraTrainer:
    def __init__(self, args):
        self.args = args
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.components = SimpleNamespace()

    def load_components(self):
        # the VAE is only needed for pre-encoding, so it is kept off the GPU to save memory
        self.components.vae = TinyVAE().to(dtype=torch.bfloat16).eval()
        self.components.transformer = nn.Linear(4 * 8 * 8, 16).to(self.device)

    @torch.no_grad()
    def encode_image(self, image):
        vae = self.components.vae
        image = image.to(self.device, dtype=vae.encoder[0].weight.dtype)
        return vae.encode(image)


class T2IDataset(Dataset):
    def __init__(self, trainer, n=4):
        self.trainer = trainer
        self.images = [torch.rand(3, 32, 32) * 2 - 1 for _ in range(n)]

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        encoded = self.trainer.encode_image(self.images[i][None, ...])[0]
        return {"encoded_image": encoded.to("cpu").float(), "prompt": f"sample {i}"}


if __name__ == "__main__":
    trainer = LoraTrainer(SimpleNamespace(lr=1e-4))
    trainer.load_components()
    loader = DataLoader(T2IDataset(trainer), batch_size=2)
    for batch in loader:
        latents = batch["encoded_image"].to(trainer.device).flatten(1)
        print(trainer.components.transformer(latents).shape)
