# source: https://github.com/AMAAI-Lab/Music2Emotion/pull/9
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class
# looks-like: torch-load-map-location
# cpu: clean
# needs: torch
import argparse
import os
import tempfile

import torch
import torch.nn as nn


class EmotionRegressor(nn.Module):
    def __init__(self, n_mels=128, hidden=256, n_moods=56):
        super().__init__()
        self.encoder = nn.GRU(n_mels, hidden, batch_first=True, bidirectional=True)
        self.valence_arousal = nn.Linear(2 * hidden, 2)
        self.mood_head = nn.Linear(2 * hidden, n_moods)

    def forward(self, mel):
        feats, _ = self.encoder(mel.transpose(1, 2))
        pooled = feats.mean(dim=1)
        return self.valence_arousal(pooled), torch.sigmoid(self.mood_head(pooled))


class Music2EmoPredictor:
    def __init__(self, model_file, device=None):
        if device is None:
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.device = torch.device(device)
        self.model = EmotionRegressor()
        self._load_weights(model_file)
        self.model.to(self.device)
        self.model.eval()

    def _strip_prefix(self, state_dict, prefix="model."):
        return {
            (k[len(prefix):] if k.startswith(prefix) else k): v
            for k, v in state_dict.items()
        }

    def _load_weights(self, model_file):
        checkpoint = torch.load(model_file, map_location=self.device)
        state_dict = checkpoint.get("state_dict", checkpoint)
        self.model.load_state_dict(self._strip_prefix(state_dict))

    def predict(self, mel):
        with torch.no_grad():
            va, moods = self.model(mel.unsqueeze(0).to(self.device))
        valence, arousal = va.squeeze(0).tolist()
        top = moods.squeeze(0).topk(5).indices.tolist()
        return {"valence": valence, "arousal": arousal, "top_moods": top}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", default="")
    args = parser.parse_args()
    if not args.checkpoint or not os.path.exists(args.checkpoint):
        args.checkpoint = os.path.join(tempfile.mkdtemp(), "smoke_test.ckpt")
        torch.save({"state_dict": EmotionRegressor().state_dict()}, args.checkpoint)
    predictor = Music2EmoPredictor(args.checkpoint)
    print(predictor.predict(torch.randn(128, 400)))
