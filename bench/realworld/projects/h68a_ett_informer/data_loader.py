# source: https://github.com/zhouhaoyi/Informer2020/issues/82
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, loader-loop
# bug-lines: 56
# needs: torch, numpy, pandas, sklearn
# cpu: no written where torch was not installed; not run
import os

import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler
from torch.utils.data import Dataset


class Dataset_ETT_hour(Dataset):
    """Hourly Electricity Transformer Temperature windows (ETTh1/ETTh2)."""

    def __init__(self, root_path, flag="train", size=(96, 48, 24), features="M",
                 data_path="ETTh1.csv", target="OT", inverse=False):
        self.seq_len, self.label_len, self.pred_len = size
        self.set_type = {"train": 0, "val": 1, "test": 2}[flag]
        self.features = features
        self.target = target
        self.inverse = inverse
        self.path = os.path.join(root_path, data_path)
        self.__read_data__()

    def __read_data__(self):
        self.scaler = StandardScaler()
        df_raw = pd.read_csv(self.path)
        month = 30 * 24
        border1s = [0, 12 * month - self.seq_len, 16 * month - self.seq_len]
        border2s = [12 * month, 16 * month, 20 * month]
        b1, b2 = border1s[self.set_type], border2s[self.set_type]

        cols = [self.target] if self.features == "S" else list(df_raw.columns[1:])
        df_data = df_raw[cols]
        self.scaler.fit(df_data.values[border1s[0]:border2s[0]])
        data = self.scaler.transform(df_data.values)

        self.data_x = data[b1:b2].astype(np.float32)
        raw_y = df_data.values[b1:b2] if self.inverse else data[b1:b2]
        self.data_y = raw_y.astype(np.float32)

    def __getitem__(self, index):
        s_end = index + self.seq_len
        r_begin = s_end - self.label_len
        r_end = r_begin + self.label_len + self.pred_len
        return self.data_x[index:s_end], self.data_y[r_begin:r_end]

    def __len__(self):
        return len(self.data_x) - self.seq_len - self.pred_len + 1

    def inverse_transform(self, data):
        return self.scaler.inverse_transform(data)
