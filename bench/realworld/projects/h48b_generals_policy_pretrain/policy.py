# source: https://github.com/yilundu/generals_a3c/issues/2
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: discarded-tensor-move
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class CNNLSTMPolicy(nn.Module):
    """Predicts the start tile and the end tile of the next generals.io move."""

    def __init__(self, in_channels=11, hidden_dim=256, lstm_layers=1, on_gpu=True):
        super().__init__()
        self.on_gpu = on_gpu
        self.hidden_dim, self.lstm_layers = hidden_dim, lstm_layers
        self.conv1 = nn.Conv2d(in_channels, 64, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(64, 64, kernel_size=3, padding=1)
        self.lstm = nn.LSTM(64, hidden_dim, lstm_layers, batch_first=True)
        self.start_head = nn.Conv2d(hidden_dim, 1, kernel_size=1)
        self.end_head = nn.Conv2d(hidden_dim, 1, kernel_size=1)
        if on_gpu:
            self.cuda()

    def init_hidden(self, batch, height, width):
        shape = (self.lstm_layers, batch * height * width, self.hidden_dim)
        self.hidden_state = torch.zeros(shape)
        self.cell_state = torch.zeros(shape)
        if self.on_gpu:
            self.hidden_state = self.hidden_state.cuda()
            self.cell_state = self.cell_state.cuda()

    def forward(self, x):
        # x: (batch, turns, channels, height, width) -> per-tile sequences over turns
        b, t, c, h, w = x.shape
        feats = F.relu(self.conv2(F.relu(self.conv1(x.view(b * t, c, h, w)))))
        feats = feats.view(b, t, 64, h * w).permute(0, 3, 1, 2).reshape(b * h * w, t, 64)
        out, (self.hidden_state, self.cell_state) = self.lstm(feats, (self.hidden_state, self.cell_state))
        last = out[:, -1].view(b, h, w, self.hidden_dim).permute(0, 3, 1, 2)
        start = F.log_softmax(self.start_head(last).view(b, -1), dim=1)
        end = F.log_softmax(self.end_head(last).view(b, -1), dim=1)
        return start, end
