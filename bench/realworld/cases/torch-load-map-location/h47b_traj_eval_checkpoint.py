# source: https://github.com/rohanchandra30/Spectral-Trajectory-and-Behavior-Prediction/issues/1
# error: RuntimeError: Attempting to deserialize object on CUDA device 1 but torch.cuda.device_count() is 1. Please use torch.load with map_location to map your storages to an existing device.
# pattern: torch-load-map-location
# shape: helper, loader-loop
# bug-lines: 37
# needs: torch
# cpu: no written where torch was not installed; not run
"""Evaluate a trained trajectory predictor (ADE/FDE) on the Argoverse-style test split.

The checkpoint was written on the 4-GPU training box (stream 2 ran on cuda:1); evaluation
runs on a single-GPU workstation.
"""
import os

import torch
import torch.nn as nn

MODEL_DIR = "../resources/trained_models/"
DATA = "ARGO"
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class TrajEncoderDecoder(nn.Module):
    def __init__(self, in_dim=2, hidden=128, pred_len=30):
        super().__init__()
        self.pred_len = pred_len
        self.encoder = nn.LSTM(in_dim, hidden, batch_first=True)
        self.head = nn.Linear(hidden, pred_len * 2)

    def forward(self, hist):
        _, (h, _) = self.encoder(hist)
        return self.head(h[-1]).view(-1, self.pred_len, 2)


def load_stream_model(stream, epoch):
    path = os.path.join(MODEL_DIR, "{}_stream{}_epoch{}.pt".format(DATA, stream, epoch))
    state = torch.load(path)
    net = TrajEncoderDecoder()
    net.load_state_dict(state["model_state_dict"])
    return net.to(device).eval()


def displacement_errors(pred, gt):
    dist = torch.linalg.norm(pred - gt, dim=-1)
    return dist.mean(dim=1), dist[:, -1]


def evaluate(net, loader):
    ade_sum, fde_sum, count = 0.0, 0.0, 0
    with torch.no_grad():
        for hist, fut in loader:
            hist, fut = hist.to(device), fut.to(device)
            ade, fde = displacement_errors(net(hist), fut)
            ade_sum += ade.sum().item()
            fde_sum += fde.sum().item()
            count += hist.size(0)
    return ade_sum / count, fde_sum / count


if __name__ == "__main__":
    test_loader = [(torch.randn(128, 20, 2), torch.randn(128, 30, 2)) for _ in range(4)]
    model = load_stream_model(stream=2, epoch=15)
    ade, fde = evaluate(model, test_loader)
    print("ADE {:.3f}  FDE {:.3f}".format(ade, fde))
