# source: https://github.com/Holmeyoung/crnn-pytorch/issues/17
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: legacy-tensor-constructor
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn


class BidirectionalLSTM(nn.Module):
    def __init__(self, n_in, n_hidden, n_out):
        super().__init__()
        self.rnn = nn.LSTM(n_in, n_hidden, bidirectional=True)
        self.embedding = nn.Linear(n_hidden * 2, n_out)

    def forward(self, x):
        recurrent, _ = self.rnn(x)
        T, b, h = recurrent.size()
        return self.embedding(recurrent.view(T * b, h)).view(T, b, -1)


class CRNN(nn.Module):
    def __init__(self, img_h, nc, nclass, nh):
        super().__init__()
        assert img_h % 16 == 0, "img_h has to be a multiple of 16"
        chans = [nc, 64, 128, 256, 256, 512, 512]
        layers = []
        for i in range(6):
            layers += [nn.Conv2d(chans[i], chans[i + 1], 3, 1, 1), nn.BatchNorm2d(chans[i + 1]), nn.ReLU(True)]
            if i in (0, 1):
                layers.append(nn.MaxPool2d(2, 2))
            elif i in (3, 5):
                layers.append(nn.MaxPool2d((2, 2), (2, 1), (0, 1)))
        layers += [nn.Conv2d(512, 512, 2, 1, 0), nn.BatchNorm2d(512), nn.ReLU(True)]
        self.cnn = nn.Sequential(*layers)
        self.rnn = nn.Sequential(BidirectionalLSTM(512, nh, nh), BidirectionalLSTM(nh, nh, nclass))

    def forward(self, x):
        conv = self.cnn(x)
        assert conv.size(2) == 1, "the height of conv must be 1"
        conv = conv.squeeze(2).permute(2, 0, 1)
        return self.rnn(conv)
