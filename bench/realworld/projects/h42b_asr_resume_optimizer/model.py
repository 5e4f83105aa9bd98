# source: https://github.com/SeanNaren/deepspeech.pytorch/issues/195
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class SpeechAcousticModel(nn.Module):
    def __init__(self, n_mels=80, hidden=512, n_layers=3, labels="_'ABCDEFGHIJKLMNOPQRSTUVWXYZ "):
        super().__init__()
        self.labels = labels
        self.config = dict(n_mels=n_mels, hidden=hidden, n_layers=n_layers, labels=labels)
        self.conv = nn.Sequential(
            nn.Conv1d(n_mels, hidden, 11, stride=2, padding=5), nn.BatchNorm1d(hidden), nn.Hardtanh(0, 20),
        )
        self.rnn = nn.GRU(hidden, hidden, num_layers=n_layers, bidirectional=True, batch_first=True)
        self.fc = nn.Linear(2 * hidden, len(labels))

    def forward(self, feats):
        x = self.conv(feats).transpose(1, 2)
        x, _ = self.rnn(x)
        return self.fc(x).log_softmax(-1)

    @classmethod
    def load_model_package(cls, package):
        model = cls(**package["config"])
        model.load_state_dict(package["state_dict"])
        return model

    @staticmethod
    def serialize(model, optimizer=None, epoch=None, avg_loss=None):
        model = model.module if isinstance(model, nn.DataParallel) else model
        package = {"config": model.config, "state_dict": model.state_dict()}
        if optimizer is not None:
            package["optim_dict"] = optimizer.state_dict()
        if epoch is not None:
            package["epoch"] = epoch + 1
        if avg_loss is not None:
            package["avg_loss"] = avg_loss
        return package
