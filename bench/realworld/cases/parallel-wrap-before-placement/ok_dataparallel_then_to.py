# source: https://github.com/deep-learning-with-pytorch/dlwpt-code/issues/60 https://github.com/pytorch/pytorch/pull/17363
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# shape: class, loader-loop
# looks-like: parallel-wrap-before-placement
# cpu: clean
# needs: torch
import argparse

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class LunaModel(nn.Module):
    def __init__(self, in_channels=1, conv_channels=8):
        super().__init__()
        self.tail_batchnorm = nn.BatchNorm3d(in_channels)
        self.block = nn.Sequential(nn.Conv3d(in_channels, conv_channels, 3, padding=1), nn.ReLU(),
                                   nn.MaxPool3d(2))
        self.head_linear = nn.Linear(conv_channels * 4 * 8 * 8, 2)

    def forward(self, x):
        out = self.block(self.tail_batchnorm(x))
        return self.head_linear(out.flatten(1))


class LunaTrainingApp:
    def __init__(self, args):
        self.args = args
        self.use_cuda = torch.cuda.is_available()
        self.device = torch.device("cuda" if self.use_cuda else "cpu")
        self.model = self.init_model()
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.001, momentum=0.99)

    def init_model(self):
        model = LunaModel()
        if self.use_cuda:
            print("Using CUDA; {} devices.".format(torch.cuda.device_count()))
            if torch.cuda.device_count() > 1:
                model = nn.DataParallel(model)
            model = model.to(self.device)  # moves the wrapped module as well
        return model

    def do_training(self, loader):
        self.model.train()
        for ct, label in loader:
            ct, label = ct.to(self.device, non_blocking=True), label.to(self.device, non_blocking=True)
            loss = nn.functional.cross_entropy(self.model(ct), label)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
        return loss.item()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=1)
    app = LunaTrainingApp(p.parse_args())
    data = TensorDataset(torch.randn(8, 1, 8, 16, 16), torch.randint(0, 2, (8,)))
    print(app.do_training(DataLoader(data, batch_size=4)))
