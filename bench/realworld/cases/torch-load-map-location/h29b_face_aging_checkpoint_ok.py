# source: https://github.com/InterDigitalInc/HRFAE/issues/3
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, top-level
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
"""Face-aging encoder/decoder trainer: test-time loading of a GPU-trained checkpoint."""
import torch
import torch.nn as nn


class AgeEncoderDecoder(nn.Module):
    def __init__(self, ch=32):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(3, ch, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(ch, 2 * ch, 4, 2, 1), nn.LeakyReLU(0.2))
        self.age_mod = nn.Linear(1, 2 * ch)
        self.dec = nn.Sequential(nn.ConvTranspose2d(2 * ch, ch, 4, 2, 1), nn.ReLU(),
                                 nn.ConvTranspose2d(ch, 3, 4, 2, 1), nn.Tanh())

    def forward(self, img, target_age):
        z = self.enc(img)
        z = z + self.age_mod(target_age).unsqueeze(-1).unsqueeze(-1)
        return self.dec(z)


class Trainer:
    def __init__(self, device):
        self.device = device
        self.enc_dec = AgeEncoderDecoder().to(device)
        self.optimizer = torch.optim.Adam(self.enc_dec.parameters(), lr=1e-4)

    def save_checkpoint(self, epoch, path):
        torch.save({"enc_dec_state_dict": self.enc_dec.state_dict(),
                    "opt_state_dict": self.optimizer.state_dict(),
                    "epoch": epoch}, path)

    def load_checkpoint(self, checkpoint_path):
        state_dict = torch.load(checkpoint_path, map_location=self.device)
        self.enc_dec.load_state_dict(state_dict["enc_dec_state_dict"])
        self.optimizer.load_state_dict(state_dict["opt_state_dict"])
        return state_dict["epoch"] + 1

    @torch.no_grad()
    def test(self, img, age):
        self.enc_dec.eval()
        return self.enc_dec(img.to(self.device), age.to(self.device))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    trainer = Trainer(device)
    epoch_0 = trainer.load_checkpoint("logs/001/checkpoint")
    out = trainer.test(torch.rand(2, 3, 64, 64) * 2 - 1, torch.tensor([[25.0], [65.0]]) / 100)
    print(epoch_0, out.shape)
