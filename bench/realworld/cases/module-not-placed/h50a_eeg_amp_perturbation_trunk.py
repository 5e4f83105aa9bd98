# source: https://github.com/TNTLFreiburg/braindecode/issues/53
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: helper, class
# bug-lines: 54, 62
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn


class Expression(nn.Module):
    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, x):
        return self.fn(x)

class ShallowConvNet(nn.Module):
    def __init__(self, n_chans=22, n_classes=4):
        super().__init__()
        self.network = nn.Sequential(OrderedDict([
            ("conv_time", nn.Conv2d(1, 40, (25, 1))),
            ("conv_spat", nn.Conv2d(40, 40, (1, n_chans), bias=False)),
            ("bnorm", nn.BatchNorm2d(40)),
            ("square", Expression(lambda x: x * x)),
            ("pool", nn.AvgPool2d((75, 1), stride=(15, 1))),
            ("log", Expression(lambda x: torch.log(torch.clamp(x, min=1e-6)))),
            ("drop", nn.Dropout(0.5)),
            ("conv_classifier", nn.Conv2d(40, n_classes, (30, 1))),
            ("softmax", nn.LogSoftmax(dim=1)),
        ]))

    def forward(self, x):
        return self.network(x.permute(0, 3, 2, 1))


def strip_softmax(net):
    trunk = nn.Sequential()
    for name, module in net.network.named_children():
        if name == "softmax":
            break
        trunk.add_module(name, module)
    return trunk.eval()


cuda = torch.cuda.is_available()
model = ShallowConvNet()
model.load_state_dict(torch.load("shallow_bci2a_s1.pt", map_location="cpu"))
feature_net = strip_softmax(model)


def pred_fn(batch):
    x = torch.from_numpy(batch.astype(np.float32))
    if cuda:
        x = x.cuda()
    with torch.no_grad():
        out = feature_net(x.permute(0, 3, 2, 1))
    return out.mean(dim=2).squeeze(-1).cpu().numpy()

def amplitude_prediction_correlations(pred_fn, X, n_iterations=12, batch_size=30):
    ffted = np.fft.rfft(X, axis=2)
    amps, phases = np.abs(ffted), np.angle(ffted)
    base_preds, corrs = np.concatenate([pred_fn(X[i:i + batch_size]) for i in range(0, len(X), batch_size)]), []
    for _ in range(n_iterations):
        noise = np.random.randn(*amps.shape) * amps.std(axis=0, keepdims=True)
        new_amps = np.maximum(amps + noise, 0)
        X_new = np.fft.irfft(new_amps * np.exp(1j * phases), n=X.shape[2], axis=2)
        new_preds = np.concatenate([pred_fn(X_new[i:i + batch_size]) for i in range(0, len(X), batch_size)])
        d_amp, d_pred = (new_amps - amps).reshape(len(X), -1), new_preds - base_preds
        corrs.append(np.corrcoef(d_amp.T, d_pred.T)[: d_amp.shape[1], d_amp.shape[1]:])
    return np.mean(corrs, axis=0)

if __name__ == "__main__":
    corrs = amplitude_prediction_correlations(pred_fn, np.load("bci2a_s1_train_X.npy")[:, :, :1000, None])
    print("amplitude/prediction correlation map:", corrs.shape)
