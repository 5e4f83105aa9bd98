# source: https://github.com/chemprop/chemprop/pull/978
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper
# looks-like: torch-load-map-location
# cpu: clean
# needs: torch
import os
import tempfile

import torch
import torch.nn as nn


class MPNN(nn.Module):
    def __init__(self, atom_fdim=10, hidden=16):
        super().__init__()
        self.W_i = nn.Linear(atom_fdim, hidden, bias=False)
        self.W_o = nn.Linear(hidden, 1)

    def forward(self, atom_features):
        return self.W_o(torch.relu(self.W_i(atom_features)).sum(1))


def load_v1_checkpoint(path):
    model_v1_dict = torch.load(path, map_location=lambda storage, loc: storage)
    return model_v1_dict["args"], model_v1_dict["state_dict"]


def convert_model_dict_v1_to_v2(path, device):
    args, state_dict = load_v1_checkpoint(path)
    model = MPNN(**args)
    model.load_state_dict(state_dict)
    return model.to(device).eval()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    path = os.path.join(tempfile.mkdtemp(), "model_v1.pt")
    trained = MPNN().to(device)
    torch.save({"args": {"atom_fdim": 10, "hidden": 16}, "state_dict": trained.state_dict()}, path)
    model = convert_model_dict_v1_to_v2(path, device)
    with torch.no_grad():
        print(model(torch.randn(3, 5, 10, device=device)).shape)
