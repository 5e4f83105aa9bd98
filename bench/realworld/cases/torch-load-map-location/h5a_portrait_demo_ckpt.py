# source: https://github.com/YuanxunLu/LiveSpeechPortraits/pull/89
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, class
# bug-lines: 33
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
import os

import torch
import torch.nn as nn


class Audio2Feature(nn.Module):
    def __init__(self, n_mels=80, hidden=128, n_out=25):
        super().__init__()
        self.lstm = nn.LSTM(n_mels, hidden, batch_first=True)
        self.head = nn.Linear(hidden, n_out)

    def forward(self, mel):
        return self.head(self.lstm(mel)[0])


class DemoModel:
    def __init__(self, opt):
        self.opt = opt
        self.device = torch.device(opt.device)
        self.net = Audio2Feature().to(self.device)

    def load_network(self, ckpt_dir, name):
        path = os.path.join(ckpt_dir, f"{name}.pkl")
        state = torch.load(path)
        if "model_state" in state:
            state = state["model_state"]
        self.net.load_state_dict(state)
        self.net.eval()

    @torch.no_grad()
    def predict(self, mel):
        return self.net(mel.to(self.device))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--id", default="May")
    parser.add_argument("--device", default="cuda", choices=["cuda", "cpu"])
    parser.add_argument("--driving_audio", default="./data/Input/00083.wav")
    opt = parser.parse_args()
    model = DemoModel(opt)
    model.load_network(os.path.join("./data", opt.id, "checkpoints"), "Audio2Feature")
    mel = torch.randn(1, 200, 80)
    print(model.predict(mel).shape)


if __name__ == "__main__":
    main()
