# source: https://github.com/KimMeen/Time-LLM/issues/138 https://github.com/KimMeen/Time-LLM/issues/101
# error: RuntimeError: expected scalar type BFloat16 but found Float
# pattern: input-dtype-mismatch
# shape: multi-file, class, loader-loop
# cpu: raises "Input type (c10::BFloat16) and bias type (float)"
# needs: torch
import argparse

import torch
from torch.utils.data import DataLoader, TensorDataset

from model import Model


def data_provider(args, n=16):
    x = torch.randn(n, args.seq_len, 3)
    y = torch.randn(n, args.pred_len, 3)
    marks = torch.zeros(n, args.seq_len, 4)
    return DataLoader(TensorDataset(x, y, marks), batch_size=args.batch_size, shuffle=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seq_len", type=int, default=32)
    p.add_argument("--pred_len", type=int, default=8)
    p.add_argument("--batch_size", type=int, default=4)
    p.add_argument("--llm_model", default="GPT2")
    args = p.parse_args([])
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    configs = dict(seq_len=args.seq_len, pred_len=args.pred_len, d_model=32,
                   patch_len=8, stride=4, dropout=0.1)
    model = Model(configs).float().to(device)
    optim = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = torch.nn.MSELoss()

    train_loader = data_provider(args)
    for batch_x, batch_y, batch_x_mark in train_loader:
        batch_x = batch_x.float().to(device)
        batch_y = batch_y.float().to(device)
        batch_x_mark = batch_x_mark.float().to(device)
        dec_inp = torch.zeros_like(batch_y).float()
        outputs = model(batch_x, batch_x_mark, dec_inp, None)
        loss = criterion(outputs, batch_y)
        optim.zero_grad()
        loss.backward()
        optim.step()
        print(loss.item())


if __name__ == "__main__":
    main()
