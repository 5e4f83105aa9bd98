# source: https://github.com/autrainer/autrainer/pull/146
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, top-level
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, Dataset

from trainer import AudioTaskTrainer


class LogMelClips(Dataset):
    def __init__(self, n=512, n_mels=64, frames=101, n_classes=10):
        self.x = torch.randn(n, 1, n_mels, frames)
        self.y = torch.randint(0, n_classes, (n,))

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return {"features": self.x[i], "target": self.y[i]}


if __name__ == "__main__":
    cfg = {
        "device": "cuda:0" if torch.cuda.is_available() else "cpu",
        "output_dim": 10,
        "learning_rate": 1e-3,
        # warm start from a previous run on the same task (transfer of model + optimizer state)
        "model_checkpoint": "runs/esc10_cnn/_best/model.pt",
        "optimizer_checkpoint": "runs/esc10_cnn/_best/optimizer.pt",
        "skip_last_layer": False,
    }
    trainer = AudioTaskTrainer(cfg)
    loader = DataLoader(LogMelClips(), batch_size=32, shuffle=True)
    trainer.train(loader, iterations=5, out_dir="runs/esc10_cnn_continued")
