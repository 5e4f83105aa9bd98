# source: https://github.com/windshadow233/Mahjong-AI/issues/2
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Int'
# pattern: loss-target-dtype
# shape: multi-file, helper, loader-loop
# bug-lines: 33
# cpu: raises "expected target dtype to be Long or Byte, but got Int"
# needs: torch, numpy
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from dataset import DiscardDataset, make_fake_records, process_data
from model import DiscardModel

parser = argparse.ArgumentParser()
parser.add_argument("--num_layers", type=int, default=3)
parser.add_argument("--epochs", type=int, default=1)
args = parser.parse_args()

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = DiscardModel(num_layers=args.num_layers).to(device)
optim = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fcn = nn.CrossEntropyLoss()
loader = DataLoader(DiscardDataset(make_fake_records(64)), batch_size=16, shuffle=True)

for epoch in range(args.epochs):
    for data in loader:
        features, labels = process_data(data, label_trans=lambda x: x // 4)
        features, labels = features.to(device), labels.to(device)
        output = model(features)
        loss = loss_fcn(output, labels)
        optim.zero_grad()
        loss.backward()
        optim.step()
    print(f"epoch {epoch}: loss {loss.item():.4f}")
