# source: https://github.com/neuro-galaxy/torch_brain/pull/99
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-added-after-placement
# shape: multi-file, class
# bug-lines: 37
# needs: torch
# cpu: no written where torch was not installed; not run
import json

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

from model import SpikeDecoder

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def load_session(path):
    with open(path) as f:
        session = json.load(f)
    counts = torch.tensor(session["spike_counts"], dtype=torch.float32)  # (trials, units)
    velocity = torch.tensor(session["hand_velocity"], dtype=torch.float32)  # (trials, 2)
    return session["unit_ids"], counts, velocity


def main():
    pretrained = torch.load("checkpoints/decoder_pretrain.pt", map_location="cpu")
    model = SpikeDecoder(pretrained["unit_ids"])
    model.load_state_dict(pretrained["state_dict"])
    model.to(device)

    unit_ids, counts, velocity = load_session("data/new_session.json")
    loader = DataLoader(TensorDataset(counts, velocity), batch_size=32, shuffle=True)

    # the new recording has neurons the pretrained model never saw
    model.unit_emb.extend_vocab(unit_ids)
    unit_index = model.unit_emb.tokenize(unit_ids).to(device)

    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
    loss_fn = nn.MSELoss()
    for epoch in range(20):
        for batch_counts, batch_vel in loader:
            batch_counts, batch_vel = batch_counts.to(device), batch_vel.to(device)
            index = unit_index.expand(batch_counts.shape[0], -1)
            loss = loss_fn(model(index, batch_counts), batch_vel)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: mse {loss.item():.4f}")


if __name__ == "__main__":
    main()
