# source: https://github.com/Sujit-O/pykg2vec/issues/223
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, batch-dict
# bug-lines: 38
# cpu: clean
# needs: torch
import argparse
import os
import tempfile

import torch
import torch.nn as nn


class TransE(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.ent = nn.Embedding(config.tot_entity, config.hidden_size)
        self.rel = nn.Embedding(config.tot_relation, config.hidden_size)

    def forward(self, h, r, t):
        return torch.norm(self.ent(h) + self.rel(r) - self.ent(t), p=1, dim=-1)


class Trainer:
    def __init__(self, model, config):
        self.model = model
        self.config = config
        self.device = torch.device(config.device)

    def save_model(self):
        path = os.path.join(self.config.path_tmp, "transe.vec.pt")
        torch.save({"model": self.model.state_dict(), "config": vars(self.config)}, path)
        return path

    def load_model(self, model_path):
        saved = torch.load(model_path)
        self.model.load_state_dict(saved["model"])
        self.model.to(self.device)
        self.model.eval()

    def infer_tails(self, batch, topk=3):
        h, r = batch["head"].to(self.device), batch["relation"].to(self.device)
        cand = torch.arange(self.config.tot_entity, device=self.device)
        with torch.no_grad():
            scores = self.model(h.expand_as(cand), r.expand_as(cand), cand)
        return torch.topk(-scores, topk).indices.cpu().tolist()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("-device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("-tot_entity", type=int, default=50)
    parser.add_argument("-tot_relation", type=int, default=5)
    parser.add_argument("-hidden_size", type=int, default=16)
    parser.add_argument("-path_tmp", default=tempfile.gettempdir())
    config = parser.parse_args()
    path = os.path.join(config.path_tmp, "transe.vec.pt")
    if not os.path.exists(path):
        Trainer(TransE(config).to(config.device), config).save_model()
    infer_config = argparse.Namespace(**{**vars(config), "device": "cpu"})
    trainer = Trainer(TransE(infer_config), infer_config)
    trainer.load_model(path)
    batch = {"head": torch.tensor([3]), "relation": torch.tensor([1])}
    print(trainer.infer_tails(batch))
