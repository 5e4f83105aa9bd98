# source: https://github.com/golsun/DialogRPT/issues/7
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# bug-lines: 27
# cpu: clean
# needs: torch
import argparse
import os
import tempfile

import torch
import torch.nn as nn


class Scorer(nn.Module):
    def __init__(self, vocab=100, dim=32):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab, dim)
        self.out = nn.Linear(dim, 1)

    def forward(self, ids):
        return torch.sigmoid(self.out(self.emb(ids))).squeeze(-1)

    def load(self, path):
        print("loading from " + path)
        weights = torch.load(path)
        if path.endswith(".pkl"):
            weights = {k.replace("transformer.", ""): v for k, v in weights.items()}
        self.load_state_dict(weights)

    def predict(self, cxt_ids, hyp_ids):
        device = next(self.parameters()).device
        ids = torch.cat([cxt_ids, hyp_ids], dim=1).to(device)
        with torch.no_grad():
            return self.forward(ids).cpu().tolist()


def get_model(path, cuda=True):
    model = Scorer()
    model.load(path)
    if cuda:
        model.cuda()
    return model.eval()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--path_ranker", default=os.path.join(tempfile.gettempdir(), "dialogrpt_updown.pth"))
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args()
    cuda = False if args.cpu else torch.cuda.is_available()
    if not os.path.exists(args.path_ranker):
        trained = Scorer().to("cuda" if torch.cuda.is_available() else "cpu")
        torch.save(trained.state_dict(), args.path_ranker)
    ranker = get_model(args.path_ranker, cuda)
    print(ranker.predict(torch.randint(0, 100, (2, 6)), torch.randint(0, 100, (2, 4))))
