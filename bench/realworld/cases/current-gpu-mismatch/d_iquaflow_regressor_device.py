# source: https://github.com/satellogic/iquaflow/pull/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: class, loader-loop, helper
# looks-like: current-gpu-mismatch
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def select_device(gpu_id):
    if torch.cuda.is_available() and gpu_id < torch.cuda.device_count():
        return torch.device("cuda:%d" % gpu_id)
    return torch.device("cpu")


class QualityRegressor:
    def __init__(self, gpu_id=1, n_outputs=3):
        self.device = select_device(gpu_id)
        self.net = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(),
                                 nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, n_outputs))
        self.net.to(self.device)
        self.criterion = nn.MSELoss()
        self.optimizer = torch.optim.Adam(self.net.parameters(), lr=1e-3)

    def train_val(self, loader):
        self.net.train()
        for x, y in loader:
            x = x.to(self.device)
            y = y.to(self.device)
            pred = self.net(x)
            loss = self.criterion(pred, y)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
        return loss.item()

    def deploy(self, image):
        self.net.eval()
        with torch.no_grad():
            return self.net(image.unsqueeze(0).to(self.device)).squeeze(0).cpu()


if __name__ == "__main__":
    ds = TensorDataset(torch.rand(12, 3, 16, 16), torch.rand(12, 3))
    reg = QualityRegressor(gpu_id=1)
    print(reg.train_val(DataLoader(ds, batch_size=4)))
    print(reg.deploy(torch.rand(3, 16, 16)).shape)
