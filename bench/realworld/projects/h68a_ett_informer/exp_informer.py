# source: https://github.com/zhouhaoyi/Informer2020/issues/82
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, loader-loop
# bug-lines: 50
# needs: torch, numpy, pandas, sklearn
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from data_loader import Dataset_ETT_hour
from models import SimpleInformer


class Exp_Informer:
    def __init__(self, args):
        self.args = args
        self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
        self.model = SimpleInformer(args["enc_in"], args["c_out"], args["seq_len"],
                                    args["pred_len"]).to(self.device)

    def _get_data(self, flag):
        a = self.args
        data_set = Dataset_ETT_hour(a["root_path"], flag=flag,
                                    size=(a["seq_len"], a["label_len"], a["pred_len"]),
                                    inverse=a["inverse"])
        loader = DataLoader(data_set, batch_size=a["batch_size"], shuffle=(flag == "train"),
                            drop_last=True)
        return data_set, loader

    def _process_one_batch(self, batch_x, batch_y):
        batch_x = batch_x.float().to(self.device)
        batch_y = batch_y.float()[:, -self.args["pred_len"]:, :].to(self.device)
        outputs = self.model(batch_x)
        return outputs, batch_y

    def train(self, setting):
        train_data, train_loader = self._get_data(flag="train")
        optim = torch.optim.Adam(self.model.parameters(), lr=self.args["learning_rate"])
        criterion = nn.MSELoss()

        for epoch in range(self.args["train_epochs"]):
            self.model.train()
            running = 0.0
            for i, (batch_x, batch_y) in enumerate(train_loader):
                optim.zero_grad()
                outputs, batch_y = self._process_one_batch(batch_x, batch_y)
                if self.args["inverse"]:
                    outputs = train_data.inverse_transform(outputs)
                loss = criterion(outputs, batch_y)
                loss.backward()
                optim.step()
                running += loss.item()
            print(f"{setting} epoch {epoch + 1}: train loss {running / (i + 1):.5f}")
        torch.save(self.model.state_dict(), f"checkpoints/{setting}.pth")


if __name__ == "__main__":
    args = dict(root_path="data/ETT", enc_in=7, c_out=7, seq_len=96, label_len=48,
                pred_len=24, batch_size=32, learning_rate=1e-4, train_epochs=6, inverse=True)
    Exp_Informer(args).train("informer_ETTh1_ftM_sl96_pl24")
