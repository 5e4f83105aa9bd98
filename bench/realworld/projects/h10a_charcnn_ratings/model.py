# source: https://github.com/ahmedbesbes/character-based-cnn/issues/5
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target' in call to _thnn_nll_loss_forward
# shape: multi-file, loader-loop, batch-dict
# looks-like: loss-target-dtype
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn


class CharacterLevelCNN(nn.Module):
    def __init__(self, alphabet_size, max_length, num_classes, num_filters=256, fc_size=1024, dropout=0.5):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(alphabet_size, num_filters, 7), nn.ReLU(), nn.MaxPool1d(3),
            nn.Conv1d(num_filters, num_filters, 7), nn.ReLU(), nn.MaxPool1d(3),
            nn.Conv1d(num_filters, num_filters, 3), nn.ReLU(),
            nn.Conv1d(num_filters, num_filters, 3), nn.ReLU(), nn.MaxPool1d(3),
        )
        conv_len = ((max_length - 6) // 3 - 6) // 3 - 4
        conv_len = conv_len // 3
        self.fc = nn.Sequential(
            nn.Flatten(),
            nn.Linear(num_filters * conv_len, fc_size), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(fc_size, num_classes),
        )

    def forward(self, x):
        return self.fc(self.conv(x))
