# source: https://github.com/KimMeen/Time-LLM/issues/3
# error: RuntimeError: expected scalar type Float but found BFloat16
# pattern: input-dtype-mismatch
# shape: multi-file, loader-loop
# bug-lines: 32, 43
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn

from data_provider import data_provider
from model import PatchForecaster

parser = argparse.ArgumentParser()
parser.add_argument("--data_path", default="dataset/ETTh1.csv")
parser.add_argument("--seq_len", type=int, default=96)
parser.add_argument("--pred_len", type=int, default=24)
parser.add_argument("--batch_size", type=int, default=32)
parser.add_argument("--train_epochs", type=int, default=10)
parser.add_argument("--learning_rate", type=float, default=1e-3)
args = parser.parse_args()

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

train_data, train_loader = data_provider(args, "train")
vali_data, vali_loader = data_provider(args, "val")

c_in = train_data.data.shape[1]
model = PatchForecaster(c_in, args.seq_len, args.pred_len).float()
model = model.to(torch.bfloat16).to(device)

optimizer = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
criterion = nn.MSELoss()

for epoch in range(args.train_epochs):
    model.train()
    train_loss = []
    for batch_x, batch_y, batch_x_mark in train_loader:
        batch_x, batch_y = batch_x.float().to(device), batch_y.float().to(device)
        batch_x_mark = batch_x_mark.float().to(device)
        outputs = model(batch_x, batch_x_mark)
        loss = criterion(outputs.float(), batch_y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        train_loss.append(loss.item())
    print(f"epoch {epoch + 1}: train loss {sum(train_loss) / len(train_loss):.5f}")
