# source: https://github.com/KimMeen/Time-LLM/issues/195
# error: RuntimeError: Input type (c10::BFloat16) and bias type (c10::Half) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, loader-loop
# bug-lines: 50
# needs: torch, transformers, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Train the LLM-backed forecaster on ETTh1 in half precision (the 16 GB
card cannot hold the bf16 run, which is what the repo scripts use)."""
import argparse

import numpy as np
import pandas as pd
import torch
from torch.utils.data import DataLoader, TensorDataset

from model import Model


def make_windows(csv_path, seq_len, pred_len):
    values = pd.read_csv(csv_path).drop(columns=["date"]).to_numpy(dtype=np.float32)
    values = (values - values.mean(0)) / values.std(0)
    idx = range(len(values) - seq_len - pred_len)
    xs = np.stack([values[i:i + seq_len] for i in idx])
    ys = np.stack([values[i + seq_len:i + seq_len + pred_len] for i in idx])
    return TensorDataset(torch.from_numpy(xs), torch.from_numpy(ys))


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="dataset/ETT-small/ETTh1.csv")
    p.add_argument("--seq_len", type=int, default=512)
    p.add_argument("--pred_len", type=int, default=96)
    p.add_argument("--d_model", type=int, default=16)
    p.add_argument("--d_ff", type=int, default=32)
    p.add_argument("--n_heads", type=int, default=8)
    p.add_argument("--patch_len", type=int, default=16)
    p.add_argument("--stride", type=int, default=8)
    p.add_argument("--num_tokens", type=int, default=1000)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--epochs", type=int, default=10)
    return p.parse_args()


if __name__ == "__main__":
    args = parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(make_windows(args.data, args.seq_len, args.pred_len), batch_size=8, shuffle=True)
    model = Model(args).float()
    model = model.to(device=device, dtype=torch.float16)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.Adam(params, lr=1e-3, eps=1e-4)
    for epoch in range(args.epochs):
        model.train()
        for batch_x, batch_y in loader:
            batch_x = batch_x.to(device, dtype=torch.float16)
            batch_y = batch_y.to(device, dtype=torch.float16)
            outputs = model(batch_x)
            loss = torch.nn.functional.mse_loss(outputs, batch_y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")
