# source: https://github.com/yilundu/generals_a3c/issues/2
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: discarded-tensor-move
# shape: multi-file, class, loader-loop
# bug-lines: 39, 40, 41
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
import torch.nn as nn

from policy import CNNLSTMPolicy
from replay_data import iterate_games, load_replays

parser = argparse.ArgumentParser()
parser.add_argument("--on-gpu", action="store_true")
parser.add_argument("--num-epochs", type=int, default=2)
parser.add_argument("--data", type=str, default="replays/")
parser.add_argument("--lr", type=float, default=1e-5)
args = parser.parse_args()

model = CNNLSTMPolicy(on_gpu=args.on_gpu)
loss_function = nn.NLLLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)

print("Loading all data...")
boards, starts, ends = load_replays(args.data)

losses = []
print("Training network...")
for epoch in range(args.num_epochs):
    for chunk, start_idx, end_idx in iterate_games(boards, starts, ends):
        inputs = torch.from_numpy(chunk).unsqueeze(0)
        target_start = torch.from_numpy(start_idx).long().view(1)
        target_end = torch.from_numpy(end_idx).long().view(1)
        if args.on_gpu:
            inputs.cuda()
            target_start.cuda()
            target_end.cuda()

        model.init_hidden(1, chunk.shape[2], chunk.shape[3])
        pred_start, pred_end = model(inputs)
        loss = loss_function(pred_start, target_start) + loss_function(pred_end, target_end)
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        losses.append(loss.item())
    print(f"epoch {epoch}: mean loss {np.mean(losses[-1000:]):.4f}")

np.save("loss", np.array(losses))
torch.save(model.cpu().state_dict(), "policy.mdl")
