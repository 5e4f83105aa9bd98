# source: https://github.com/jackaduma/CycleGAN-VC2/issues/10
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class
# bug-lines: 50
# cpu: no needs a checkpoint saved from a CUDA run (model_checkpoint/_CycleGAN_CheckPoint)
# needs: torch
import os

import torch
import torch.nn as nn


class Generator(nn.Module):
    def __init__(self, n_mels=36):
        super().__init__()
        self.net = nn.Sequential(nn.Conv1d(n_mels, 128, 5, padding=2), nn.GLU(dim=1),
                                 nn.Conv1d(64, n_mels, 5, padding=2))

    def forward(self, x):
        return self.net(x)


class Discriminator(nn.Module):
    def __init__(self, n_mels=36):
        super().__init__()
        self.net = nn.Sequential(nn.Conv1d(n_mels, 64, 3), nn.LeakyReLU(0.2), nn.Conv1d(64, 1, 3))

    def forward(self, x):
        return self.net(x).mean((1, 2))


class CycleGANTraining:
    def __init__(self, model_checkpoint, restart_training_at=None):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.generator_A2B = Generator().to(self.device)
        self.generator_B2A = Generator().to(self.device)
        self.discriminator_A = Discriminator().to(self.device)
        self.discriminator_B = Discriminator().to(self.device)
        g_params = list(self.generator_A2B.parameters()) + list(self.generator_B2A.parameters())
        d_params = list(self.discriminator_A.parameters()) + list(self.discriminator_B.parameters())
        self.generator_optimizer = torch.optim.Adam(g_params, lr=2e-4, betas=(0.5, 0.999))
        self.discriminator_optimizer = torch.optim.Adam(d_params, lr=1e-4, betas=(0.5, 0.999))
        self.modelCheckpoint = model_checkpoint
        self.start_epoch = 0
        if restart_training_at is not None:
            self.start_epoch = self.loadModel(restart_training_at)

    def loadModel(self, PATH):
        checkPoint = torch.load(PATH)
        self.generator_A2B.load_state_dict(checkPoint["model_genA2B_state_dict"])
        self.generator_B2A.load_state_dict(checkPoint["model_genB2A_state_dict"])
        self.discriminator_A.load_state_dict(checkPoint["model_discriminatorA"])
        self.discriminator_B.load_state_dict(checkPoint["model_discriminatorB"])
        self.generator_optimizer.load_state_dict(checkPoint["generator_optimizer"])
        self.discriminator_optimizer.load_state_dict(checkPoint["discriminator_optimizer"])
        return int(checkPoint["epoch"]) + 1

    def convert(self, mel):
        with torch.no_grad():
            return self.generator_A2B(mel.to(self.device)).cpu()


if __name__ == "__main__":
    ckpt_dir = "model_checkpoint"
    resume = os.path.join(ckpt_dir, "_CycleGAN_CheckPoint")
    trainer = CycleGANTraining(ckpt_dir, restart_training_at=resume)
    print(trainer.start_epoch, trainer.convert(torch.randn(1, 36, 128)).shape)
