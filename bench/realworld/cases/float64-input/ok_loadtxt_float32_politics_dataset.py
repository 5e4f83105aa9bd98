# source: https://jamesmccaffreyblog.com/2023/03/22/why-pytorch-binary-cassification-labels-must-be-floats-but-multi-class-classification-labels-must-be-integers/
# error: (the post explains the dtype rules for inputs and labels; no traceback)
# shape: class, loader-loop
# looks-like: float64-input
# cpu: clean
# needs: torch, numpy
import io

import numpy as np
import torch as T
from torch.utils.data import DataLoader, Dataset

device = T.device("cuda" if T.cuda.is_available() else "cpu")

PEOPLE_TXT = """# sex age state income politics
0 0.27 0 1 0 0.7610 2
1 0.19 0 0 1 0.6550 0
0 0.59 1 0 0 0.7990 1
1 0.31 0 1 0 0.5430 2
0 0.45 0 0 1 0.6330 0
1 0.39 1 0 0 0.4880 1
"""


class PeopleDataset(Dataset):
    def __init__(self, src_file):
        all_xy = np.loadtxt(src_file, usecols=range(0, 7), delimiter=" ", comments="#", dtype=np.float32)
        tmp_x = all_xy[:, 0:6]
        tmp_y = all_xy[:, 6]
        self.x_data = T.tensor(tmp_x, dtype=T.float32).to(device)
        self.y_data = T.tensor(tmp_y, dtype=T.int64).to(device)

    def __len__(self):
        return len(self.x_data)

    def __getitem__(self, idx):
        return self.x_data[idx], self.y_data[idx]


class Net(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.hid1 = T.nn.Linear(6, 10)
        self.oupt = T.nn.Linear(10, 3)

    def forward(self, x):
        return self.oupt(T.tanh(self.hid1(x)))


if __name__ == "__main__":
    train_ds = PeopleDataset(io.StringIO(PEOPLE_TXT))
    net = Net().to(device)
    loss_func = T.nn.CrossEntropyLoss()
    optimizer = T.optim.SGD(net.parameters(), lr=0.01)
    for epoch in range(3):
        for X, Y in DataLoader(train_ds, batch_size=2, shuffle=True):
            optimizer.zero_grad()
            loss_val = loss_func(net(X), Y)
            loss_val.backward()
            optimizer.step()
    print(loss_val.item())
