# source: https://github.com/datawhalechina/torch-rechub/pull/26
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, loader-loop, batch-dict
# bug-lines: 19, 21
# needs: torch, scikit-learn
# cpu: no written where torch was not installed; not run

import torch
from sklearn.metrics import roc_auc_score


class CTRTrainer(object):
    def __init__(self, model, optimizer_fn=torch.optim.Adam, optimizer_params=None, n_epoch=10,
                 device="cpu", earlystop_patience=3):
        self.model = model
        if optimizer_params is None:
            optimizer_params = {"lr": 1e-3, "weight_decay": 1e-5}
        self.optimizer = optimizer_fn(self.model.parameters(), **optimizer_params)
        self.device = torch.device(device)
        self.model.to(self.device)
        self.criterion = torch.nn.BCELoss()
        self.n_epoch = n_epoch
        self.patience = earlystop_patience

    def train_one_epoch(self, data_loader, log_interval=50):
        self.model.train()
        total = 0.0
        for i, (x_dict, y) in enumerate(data_loader):
            x_dict = {k: v.to(self.device) for k, v in x_dict.items()}
            y = y.to(self.device).float()
            y_pred = self.model(x_dict)
            loss = self.criterion(y_pred, y)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            total += loss.item()
            if (i + 1) % log_interval == 0:
                print("step %d  loss %.5f" % (i + 1, total / log_interval))
                total = 0.0

    @torch.no_grad()
    def evaluate(self, data_loader):
        self.model.eval()
        targets, preds = [], []
        for x_dict, y in data_loader:
            x_dict = {k: v.to(self.device) for k, v in x_dict.items()}
            preds.extend(self.model(x_dict).cpu().tolist())
            targets.extend(y.tolist())
        return roc_auc_score(targets, preds)

    def fit(self, train_loader, val_loader):
        best, bad = 0.0, 0
        for epoch in range(self.n_epoch):
            self.train_one_epoch(train_loader)
            auc = self.evaluate(val_loader)
            print("epoch %d  val auc %.4f" % (epoch, auc))
            if auc > best:
                best, bad = auc, 0
                torch.save(self.model.state_dict(), "best_model.pth")
            else:
                bad += 1
                if bad >= self.patience:
                    break
        return best
