# source: https://github.com/motefly/DeepGBM/issues/4
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 30, 31
# cpu: clean
# needs: torch, numpy
import argparse
import math

import numpy as np
import torch
import torch.nn as nn


def EvalTestset(test_x, test_y, model, test_batch_size, device):
    test_len = test_x.shape[0]
    test_num_batch = math.ceil(test_len / test_batch_size)
    sum_loss = 0.0
    y_preds = []
    model.eval()
    with torch.no_grad():
        for jdx in range(test_num_batch):
            tst_st = jdx * test_batch_size
            tst_ed = min(test_len, tst_st + test_batch_size)
            inputs = torch.from_numpy(test_x[tst_st:tst_ed].astype(np.float32)).to(device)
            targets = torch.from_numpy(test_y[tst_st:tst_ed].astype(np.float32)).to(device)
            outputs = model(inputs)
            sum_loss += nn.functional.mse_loss(outputs, targets, reduction="sum").item()
            y_preds.append(outputs)
    return sum_loss / test_len, np.concatenate(y_preds, 0)


def TrainWithLog(args, model, train_x, train_y, test_x, test_y, device):
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    for epoch in range(args.max_epoch):
        model.train()
        perm = np.random.permutation(len(train_x))
        for st in range(0, len(perm), args.batch_size):
            idx = perm[st:st + args.batch_size]
            x = torch.from_numpy(train_x[idx].astype(np.float32)).to(device)
            y = torch.from_numpy(train_y[idx].astype(np.float32)).to(device)
            loss = nn.functional.mse_loss(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        test_loss, pred_y = EvalTestset(test_x, test_y, model, args.test_batch_size, device)
        print(f"epoch {epoch}: test loss {test_loss:.4f}, preds {pred_y.shape}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--max_epoch", type=int, default=2)
    parser.add_argument("--batch_size", type=int, default=16)
    parser.add_argument("--test_batch_size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=1e-3)
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 1)).to(device)
    train_x, train_y = np.random.rand(64, 10), np.random.rand(64, 1)
    test_x, test_y = np.random.rand(40, 10), np.random.rand(40, 1)
    TrainWithLog(args, model, train_x, train_y, test_x, test_y, device)
