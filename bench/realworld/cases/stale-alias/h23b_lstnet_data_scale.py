# source: https://github.com/laiguokun/LSTNet/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: class, helper
# bug-lines: 34, 37
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch


def normal_std(x):
    return x.std() * np.sqrt((len(x) - 1.0) / len(x))


class DataUtility(object):
    """Multivariate time-series loader (electricity / traffic / solar) with per-column scaling."""

    def __init__(self, file_name, train, valid, horizon, window, cuda):
        self.cuda = cuda
        self.P, self.h = window, horizon
        self.rawdat = np.loadtxt(open(file_name), delimiter=",")
        self.n, self.m = self.rawdat.shape
        self.dat = np.zeros(self.rawdat.shape)
        self.scale_np = np.ones(self.m)
        for i in range(self.m):
            self.scale_np[i] = np.max(np.abs(self.rawdat[:, i]))
            self.dat[:, i] = self.rawdat[:, i] / self.scale_np[i]
        self._split(int(train * self.n), int((train + valid) * self.n))

        scale = torch.from_numpy(self.scale_np).float()
        self.scale = scale
        if self.cuda:
            self.scale = self.scale.cuda()
            self.test = [t.cuda() for t in self.test]

        tmp = self.test[1] * scale.expand(self.test[1].size(0), self.m)
        self.rse = normal_std(tmp)
        self.rae = torch.mean(torch.abs(tmp - torch.mean(tmp)))

    def _split(self, train, valid):
        train_set = range(self.P + self.h - 1, train)
        valid_set = range(train, valid)
        test_set = range(valid, self.n)
        self.train = self._batchify(train_set)
        self.valid = self._batchify(valid_set)
        self.test = self._batchify(test_set)

    def _batchify(self, idx_set):
        n = len(idx_set)
        X = torch.zeros((n, self.P, self.m))
        Y = torch.zeros((n, self.m))
        for i, idx in enumerate(idx_set):
            end = idx - self.h + 1
            X[i] = torch.from_numpy(self.dat[end - self.P:end, :])
            Y[i] = torch.from_numpy(self.dat[idx, :])
        return [X, Y]
